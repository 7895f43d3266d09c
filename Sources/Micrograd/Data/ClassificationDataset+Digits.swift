import Foundation

extension ClassificationDataset {
    /// The 8×8 handwritten digits: 1,797 real images of the digits 0 to 9, the classic small
    /// image set (scikit-learn's `load_digits()`).
    ///
    /// Each example has 64 features, the pixels of an 8×8 image row by row from the top left;
    /// its label is the digit it shows, so there are 10 classes of 174 to 183 images each. A
    /// pixel counts the inked pixels in a 4×4 block of a 32×32 bitmap (0 to 16); the feature is
    /// that count divided by 16, so 0 is blank, 1 is fully inked, and every feature is a
    /// multiple of 1/16 in 0…1. The examples come in the data set's own order, the same on
    /// every call; shuffle or split them yourself.
    ///
    /// ```swift
    /// let digits = ClassificationDataset.digits()
    /// digits.inputs[0].count   // 64
    /// digits.labels[0]         // 0
    /// ```
    ///
    /// The data are the test set of "Optical Recognition of Handwritten Digits" by E. Alpaydin
    /// and C. Kaynak (1998), UCI Machine Learning Repository, https://doi.org/10.24432/C50P49,
    /// licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Credit them
    /// when you publish results or redistribute the data.
    ///
    /// - Complexity: O(n) in the 115,008 pixels: each call decodes the compact copy built into
    ///   the library, in about a millisecond in a release build.
    public static func digits() -> Self {
        let pixels = decodedDigitPixels()
        let labels = DigitsData.labels.utf8.compactMap { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
        }
        precondition(
            labels.count == DigitsData.count && pixels.count == DigitsData.count * digitPixelCount,
            "the built-in digits data are damaged")
        let inputs = (0..<DigitsData.count).map { image in
            pixels[(image * digitPixelCount)..<((image + 1) * digitPixelCount)].map { Double($0) / 16 }
        }
        return Self(name: "digits", inputs: inputs, labels: labels, classCount: 10)
    }

    /// Pixels in one digit image, 8 × 8.
    private static let digitPixelCount = 64

    /// The pixel values 0…16 of every image, one after another, from the 4-bit pixels and the
    /// bits that tell 16 from 15 (the format is described in `DigitsData.swift`).
    private static func decodedDigitPixels() -> [UInt8] {
        guard
            let packed = Data(base64Encoded: DigitsData.pixels, options: .ignoreUnknownCharacters),
            let sixteens = Data(base64Encoded: DigitsData.sixteens, options: .ignoreUnknownCharacters)
        else { preconditionFailure("the built-in digits data are damaged") }
        let flags = [UInt8](sixteens)
        var pixels: [UInt8] = []
        pixels.reserveCapacity(packed.count * 2)
        var flagIndex = 0
        func append(_ nibble: UInt8) {
            guard nibble == 15 else { return pixels.append(nibble) }
            let isSixteen = flags[flagIndex / 8] & (0x80 >> UInt8(flagIndex % 8)) != 0
            pixels.append(isSixteen ? 16 : 15)
            flagIndex += 1
        }
        for byte in [UInt8](packed) {
            append(byte >> 4)
            append(byte & 0x0F)
        }
        return pixels
    }
}
