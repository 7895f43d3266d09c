// Graphviz's C library (libgvc), from the system: Debian's libgraphviz-dev.
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <graphviz/graphviz_version.h>

// Helpers of our own, in C because they run where Swift must not: in a forked render process
// and in a signal handler.
#include "micrograd_graphviz.h"
#include "micrograd_output.h"
