#if BLAS
    #if canImport(Accelerate)
        import Accelerate
    #else
        import CBLAS
    #endif

    extension MatrixProduct {
        /// The product through `cblas_dgemm`, which reads transposed operands in place.
        static func blasProduct(_ o: Operands) {
            precondition(
                [o.m, o.n, o.k].allSatisfy { $0 <= Int(Int32.max) }, "MatrixProduct: a size is too big for BLAS")
            #if !canImport(Accelerate)
                ThreadLimit.shared.setBLASThreads(ThreadLimit.shared.threads(forMultiplyAdds: o.m * o.n * o.k)) {
                    openblas_set_num_threads(Int32($0))
                }
            #endif
            cblas_dgemm(
                CblasRowMajor, o.transposeA ? CblasTrans : CblasNoTrans, o.transposeB ? CblasTrans : CblasNoTrans,
                Int32(o.m), Int32(o.n), Int32(o.k), 1, o.a, Int32(o.transposeA ? o.m : o.k), o.b,
                Int32(o.transposeB ? o.k : o.n), o.accumulate ? 1 : 0, o.c, Int32(o.n))
        }

        /// The BLAS library and, for OpenBLAS, the processor kernels it chose.
        static var blasDescription: String {
            #if canImport(Accelerate)
                "Accelerate"
            #else
                let config = openblas_get_config().map { String(cString: $0) } ?? "OpenBLAS"
                let core = openblas_get_corename().map { String(cString: $0) } ?? "?"
                return "\(config.split(separator: " ").prefix(2).joined(separator: " ")) (\(core) kernels)"
            #endif
        }
    }
#endif
