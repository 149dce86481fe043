/// Charts drawn by the server as SVG, so they read without JavaScript: stacked bars (requests
/// and errors, tokens by kind) and lines (latency percentiles). Colours come from CSS classes,
/// which follow the light or dark theme.
enum SVGChart {
    /// One named row of values, one per bucket.
    struct Series {
        let name: String
        /// `s1`…`s4`: the palette slot in the stylesheet.
        let slot: String
        let values: [Double]
    }

    static let width = 720.0
    static let height = 200.0
    static let left = 56.0
    static let bottom = 22.0
    static let top = 8.0

    static func stackedBars(id: String, labels: [String], series: [Series], unit: (Double) -> String) -> String {
        let count = labels.count
        let totals = (0..<count).map { index in series.reduce(0) { $0 + ($1.values[safe: index] ?? 0) } }
        let maximum = niceMaximum(totals.max() ?? 0)
        var out = frame(id: id, maximum: maximum, labels: labels, unit: unit)
        let plotWidth = width - left - 8
        let slotWidth = plotWidth / Double(max(count, 1))
        let barWidth = max(1, slotWidth * 0.8)
        for index in 0..<count {
            var base = 0.0
            let x = left + Double(index) * slotWidth + (slotWidth - barWidth) / 2
            for line in series {
                let value = line.values[safe: index] ?? 0
                guard value > 0 else { continue }
                let y0 = yPosition(base, maximum)
                let y1 = yPosition(base + value, maximum)
                out += "<rect class=\"\(line.slot)\" x=\"\(r(x))\" y=\"\(r(y1))\" width=\"\(r(barWidth))\" height=\"\(r(max(0.5, y0 - y1)))\">"
                out += "<title>\(HTML.escape(labels[index])): \(HTML.escape(line.name)) \(HTML.escape(unit(value)))</title></rect>"
                base += value
            }
        }
        return out + "</svg>" + legend(series)
    }

    static func lines(id: String, labels: [String], series: [Series], unit: (Double) -> String) -> String {
        let count = labels.count
        let maximum = niceMaximum(series.flatMap(\.values).max() ?? 0)
        var out = frame(id: id, maximum: maximum, labels: labels, unit: unit)
        let plotWidth = width - left - 8
        let step = plotWidth / Double(max(count, 1))
        for line in series {
            var points: [String] = []
            for (index, value) in line.values.enumerated() where value >= 0 {
                points.append("\(r(left + step * (Double(index) + 0.5))),\(r(yPosition(value, maximum)))")
            }
            guard !points.isEmpty else { continue }
            out += "<polyline class=\"line \(line.slot)\" points=\"\(points.joined(separator: " "))\"><title>\(HTML.escape(line.name))</title></polyline>"
            if points.count == 1 {
                out += "<circle class=\"\(line.slot)\" r=\"3\" cx=\"\(points[0].split(separator: ",")[0])\" cy=\"\(points[0].split(separator: ",")[1])\"/>"
            }
        }
        return out + "</svg>" + legend(series)
    }

    private static func frame(id: String, maximum: Double, labels: [String], unit: (Double) -> String) -> String {
        var out = "<svg id=\"\(id)\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" preserveAspectRatio=\"none\">"
        for fraction in [0.0, 0.5, 1.0] {
            let y = yPosition(maximum * fraction, maximum)
            out += "<line class=\"grid\" x1=\"\(Int(left))\" x2=\"\(Int(width - 8))\" y1=\"\(r(y))\" y2=\"\(r(y))\"/>"
            out += "<text class=\"axis\" x=\"\(Int(left - 6))\" y=\"\(r(y + 4))\" text-anchor=\"end\">\(HTML.escape(unit(maximum * fraction)))</text>"
        }
        let plotWidth = width - left - 8
        let step = plotWidth / Double(max(labels.count, 1))
        let marks = labels.isEmpty ? [] : Array(Set([0, labels.count / 2, labels.count - 1])).sorted()
        for index in marks {
            let anchor = index == 0 ? "start" : index == labels.count - 1 ? "end" : "middle"
            let x = index == 0 ? left : index == labels.count - 1 ? width - 8 : left + step * (Double(index) + 0.5)
            out += "<text class=\"axis\" x=\"\(r(x))\" y=\"\(Int(height - 6))\" text-anchor=\"\(anchor)\">\(HTML.escape(labels[index]))</text>"
        }
        return out
    }

    private static func legend(_ series: [Series]) -> String {
        "<div class=\"legend\">" + series.map { "<span><i class=\"swatch \($0.slot)\"></i>\(HTML.escape($0.name))</span>" }.joined() + "</div>"
    }

    private static func yPosition(_ value: Double, _ maximum: Double) -> Double {
        let plotHeight = height - top - bottom
        return top + plotHeight - (maximum > 0 ? value / maximum * plotHeight : 0)
    }

    /// 1, 2 or 5 times a power of ten, at least `value` (1 for an empty chart).
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        while power > value { power /= 10 }
        for multiple in [1.0, 2.0, 5.0, 10.0] where multiple * power >= value { return multiple * power }
        return value
    }

    private static func r(_ value: Double) -> String {
        String((value * 10).rounded() / 10)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
