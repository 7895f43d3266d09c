// OpenBLAS's CBLAS interface, from the system: Debian's libopenblas-dev. Used by the
// engine's matrix products when the package trait BLAS is on (the default) on Linux;
// Apple platforms use Accelerate instead.
#include <cblas.h>
