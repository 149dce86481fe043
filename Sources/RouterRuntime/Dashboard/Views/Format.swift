import RouteModel
import UsageLog

/// Numbers as the dashboard shows them: grouped digits, units, UTC times that the page's script
/// turns into the viewer's time zone.
enum Format {
    /// `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// `950 tok`, `12.3 k tok`, `4.56 M tok`.
    static func tokens(_ value: Int) -> String {
        compact(Double(value)) + " tok"
    }

    static func compact(_ value: Double) -> String {
        switch abs(value) {
        case ..<1000: return String(Int(value))
        case ..<1_000_000: return decimal(value / 1000, places: value < 10_000 ? 2 : 1) + " k"
        case ..<1_000_000_000: return decimal(value / 1_000_000, places: 2) + " M"
        default: return decimal(value / 1_000_000_000, places: 2) + " G"
        }
    }

    /// `840 ms`, `2.4 s`, `—` when unknown.
    static func milliseconds(_ value: Int?) -> String {
        guard let value else { return "—" }
        return value < 1000 ? "\(value) ms" : decimal(Double(value) / 1000, places: value < 10_000 ? 2 : 1) + " s"
    }

    /// `$12.35`, `$0.0042` (four decimals under a dollar, so small spends do not read as zero).
    static func usd(_ amount: USDAmount) -> String {
        let dollars = Double(amount.picodollars) / Double(USDAmount.picodollarsPerDollar)
        return "$" + decimal(dollars, places: abs(dollars) < 1 ? 4 : 2)
    }

    /// `512 B`, `3.4 KB`, `1.2 MB`.
    static func bytes(_ value: Int) -> String {
        switch value {
        case ..<1024: "\(value) B"
        case ..<(1024 * 1024): decimal(Double(value) / 1024, places: 1) + " KB"
        default: decimal(Double(value) / 1024 / 1024, places: 1) + " MB"
        }
    }

    /// `2.5 %`.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0 %" }
        return decimal(Double(part) * 100 / Double(whole), places: 1) + " %"
    }

    static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < places { text += String(repeating: "0", count: places - decimals) }
            if places == 0 { text = String(text[..<dot]) }
        }
        return text
    }

    /// A `<time>` element: UTC text for readers without JavaScript; the script rewrites it in
    /// the viewer's time zone from the ISO `datetime`.
    static func time(_ epochMilliseconds: Int64, style: String = "datetime") -> String {
        let iso = UTCTime(epochMilliseconds: epochMilliseconds).iso8601
        let time = UTCTime(epochMilliseconds: epochMilliseconds)
        let text = time.dayString + " " + two(time.hour) + ":" + two(time.minute) + ":" + two(time.second) + " UTC"
        return "<time datetime=\"\(iso)\" data-style=\"\(style)\">\(text)</time>"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
