import Foundation

extension Tensor {
    /// How many threads one matrix product may use. Products of a million multiply-adds
    /// or more are split over that many threads (by the engine's own kernel, or by
    /// OpenBLAS, which is told the number); smaller ones, and everything else, run on the
    /// calling thread. The number of processor cores by default; set 1 to keep all work on
    /// the calling thread. (Accelerate, on Apple platforms, chooses its threads itself.)
    public static var maximumThreadCount: Int {
        get { ThreadLimit.shared.maximum }
        set { ThreadLimit.shared.maximum = newValue }
    }

    /// What computes matrix products in this build: the BLAS library (and, for OpenBLAS,
    /// the processor kernels it chose), or the engine's own Swift kernel.
    public static var matrixProductLibrary: String {
        #if BLAS
            MatrixProduct.blasDescription
        #else
            "the engine's Swift kernel"
        #endif
    }
}
