/// An exact amount of US dollars, in picodollars (10⁻¹² USD).
///
/// Prices are USD per million tokens, so a price with up to six decimals is a whole number of
/// picodollars per token, and every cost (tokens × price) and every sum of costs is exact: no
/// floating point touches money, and totals equal the sum of their lines to the picodollar.
/// `Int64` holds about 9.2 million dollars; sums saturate rather than trap.
public struct USDAmount: Sendable, Equatable, Hashable, Comparable {
    public static let picodollarsPerDollar: Int64 = 1_000_000_000_000
    public static let zero = USDAmount(picodollars: 0)

    public var picodollars: Int64

    public init(picodollars: Int64) {
        self.picodollars = picodollars
    }

    public static func < (lhs: USDAmount, rhs: USDAmount) -> Bool { lhs.picodollars < rhs.picodollars }

    /// The sum, saturating at the bounds of `Int64` instead of trapping.
    public static func + (lhs: USDAmount, rhs: USDAmount) -> USDAmount {
        let (sum, overflow) = lhs.picodollars.addingReportingOverflow(rhs.picodollars)
        guard overflow else { return USDAmount(picodollars: sum) }
        return USDAmount(picodollars: rhs.picodollars > 0 ? .max : .min)
    }

    public static func += (lhs: inout USDAmount, rhs: USDAmount) { lhs = lhs + rhs }

    /// `count` × `rate` picodollars, saturating.
    static func times(_ count: Int, _ rate: Int64) -> USDAmount {
        let (product, overflow) = Int64(clamping: count).multipliedReportingOverflow(by: rate)
        return USDAmount(picodollars: overflow ? ((count > 0) == (rate > 0) ? .max : .min) : product)
    }

    // MARK: Decimal text

    /// Reads a decimal number of dollars: `12`, `0.003625`, `-1.5`, `2.5e-7` (JSON number
    /// syntax). Nil when the text is not such a number, is finer than a picodollar, or does not
    /// fit.
    public init?(decimal text: some Collection<UInt8>) {
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponent = 0
        var negative = false
        var index = text.startIndex
        func byte() -> UInt8? { index < text.endIndex ? text[index] : nil }
        if byte() == UInt8(ascii: "-") { negative = true; index = text.index(after: index) }
        var sawPoint = false
        while let current = byte() {
            if current >= UInt8(ascii: "0"), current <= UInt8(ascii: "9") {
                digits.append(current - UInt8(ascii: "0"))
                if sawPoint { fractionDigits += 1 }
            } else if current == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index = text.index(after: index)
        }
        guard !digits.isEmpty else { return nil }
        if let marker = byte(), marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            index = text.index(after: index)
            var exponentNegative = false
            if let sign = byte(), sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
                exponentNegative = sign == UInt8(ascii: "-")
                index = text.index(after: index)
            }
            var exponentDigits = 0
            while let current = byte(), current >= UInt8(ascii: "0"), current <= UInt8(ascii: "9"), exponentDigits < 4 {
                exponent = exponent * 10 + Int(current - UInt8(ascii: "0"))
                exponentDigits += 1
                index = text.index(after: index)
            }
            guard exponentDigits > 0 else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard index == text.endIndex else { return nil }
        // value = digits × 10^(exponent − fractionDigits) dollars = digits × 10^(scale) picodollars.
        let scale = exponent - fractionDigits + 12
        var value: Int64 = 0
        for (position, digit) in digits.enumerated() {
            let power = scale + (digits.count - 1 - position)
            if power < 0 {
                guard digit == 0 else { return nil }
                continue
            }
            guard digit != 0 else { continue }
            guard let base = Self.power10(power) else { return nil }
            let (term, termOverflow) = Int64(digit).multipliedReportingOverflow(by: base)
            let (sum, overflow) = value.addingReportingOverflow(term)
            guard !termOverflow, !overflow else { return nil }
            value = sum
        }
        picodollars = negative ? -value : value
    }

    /// `"0.0123"`, `"0"`, `"12.5"`, `"-0.5"`: the exact value in plain decimal, no exponent and
    /// no trailing zeros, valid as a JSON number.
    public var decimalString: String {
        var bytes: [UInt8] = []
        appendDecimal(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public func appendDecimal(to out: inout [UInt8]) {
        if picodollars < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = picodollars.magnitude
        let whole = magnitude / UInt64(Self.picodollarsPerDollar)
        var fraction = magnitude % UInt64(Self.picodollarsPerDollar)
        out.append(contentsOf: String(whole).utf8)
        guard fraction > 0 else { return }
        out.append(UInt8(ascii: "."))
        var places = 12
        while fraction % 10 == 0 { fraction /= 10; places -= 1 }
        let text = String(fraction)
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: places - text.utf8.count))
        out.append(contentsOf: text.utf8)
    }

    private static func power10(_ exponent: Int) -> Int64? {
        guard exponent >= 0, exponent <= 18 else { return nil }
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
