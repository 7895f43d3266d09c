import MicrogradTestSupport
import Testing

@testable import MicrogradViz

@Suite("NumberFormat")
struct NumberFormatTests {
    /// Scientific notation rounds Swift's shortest round-trip digits, so the smallest
    /// subnormal, whose shortest form is 5e-324, is written 5.0000e-324.
    @Test func fixedAndScientific() {
        let format = NumberFormat()
        let cases: [(Double, String)] = [
            (2, "2.0000"), (-0.70710678, "-0.7071"), (0, "0.0000"), (-0.0, "0.0000"), (0.001, "0.0010"),
            (0.00001234, "1.2340e-05"), (-0.00001234, "-1.2340e-05"), (12_345_678, "1.2346e+07"),
            (999_999.99996, "1000000.0000"), (0.5, "0.5000"), (24.70408163265306, "24.7041"),
            (138.83381924198252, "138.8338"), (645.5772594752186, "645.5773"), (5e-324, "5.0000e-324"),
            (1.7976931348623157e308, "1.7977e+308"), (9.99995e-5, "1.0000e-04"), (.nan, "NaN"),
            (.infinity, "inf"), (-.infinity, "-inf"), (-0.00000001, "-1.0000e-08"),
            (0.00099999, "9.9999e-04"), (0.000999995, "1.0000e-03"), (1e6, "1.0000e+06"), (999_999.5, "999999.5000"),
            (123_456_789, "1.2346e+08"), (1.5e-10, "1.5000e-10"), (-9.99995e12, "-1.0000e+13"),
            (1.23e-100, "1.2300e-100"), (1e300, "1.0000e+300"), (0.000123456, "1.2346e-04"),
        ]
        for (value, expected) in cases {
            #expect(format.format(value) == expected, "\(value)")
        }
    }

    @Test func precisionOption() {
        #expect(NumberFormat(precision: 0).format(2.5) == "3")
        #expect(NumberFormat(precision: 0).format(0) == "0")
        #expect(NumberFormat(precision: 2).format(0.00001234) == "1.23e-05")
        #expect(NumberFormat(precision: 0).format(0.000015) == "2e-05")
        #expect(NumberFormat(precision: 0).format(0.000094) == "9e-05")
        #expect(NumberFormat(precision: 0).format(0.000096) == "1e-04")
        #expect(NumberFormat(precision: 8).format(0.7071067811865476) == "0.70710678")
        #expect(NumberFormat(precision: 99).precision == 12)
        #expect(NumberFormat(precision: -3).precision == 0)
    }
}
