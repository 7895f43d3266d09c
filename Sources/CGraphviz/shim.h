// Graphviz's C library (libgvc), from the system: Debian's libgraphviz-dev.
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <graphviz/graphviz_version.h>
