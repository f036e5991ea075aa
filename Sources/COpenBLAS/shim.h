// OpenBLAS's dgemm, declared under a name of our own.
//
// GSL's gsl_matrix.h pulls in gsl_cblas.h, whose CBLAS enums and functions clash with OpenBLAS's cblas.h
// wherever one Swift module sees both (a module that imports KAN, which uses GSL, and this one). So cblas.h is
// not included: the one routine used is declared here with plain int flags and an assembler label binding it
// to OpenBLAS's cblas_dgemm symbol (the CBLAS enums are ints in the ABI).
#ifndef SWIFTKAN_COPENBLAS_H
#define SWIFTKAN_COPENBLAS_H

enum {
    SWIFTKAN_CBLAS_ROW_MAJOR = 101,
    SWIFTKAN_CBLAS_NO_TRANS = 111,
    SWIFTKAN_CBLAS_TRANS = 112
};

extern void swiftkan_cblas_dgemm(int order, int transA, int transB, int m, int n, int k, double alpha,
                                 const double *a, int lda, const double *b, int ldb, double beta,
                                 double *c, int ldc) __asm__("cblas_dgemm");

#endif
