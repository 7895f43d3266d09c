parm w = 1
