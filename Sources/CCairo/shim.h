// Cairo, for drawing plots as SVG, PNG and PDF.
#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <cairo/cairo-pdf.h>
