import Foundation

enum StreamPayloads {
    /// The payloads as `Data`, each checked to be JSON: a typo in a generator would otherwise
    /// make the baseline time error handling.
    static func checked(_ payloads: [String]) -> [Data] {
        payloads.enumerated().map { index, payload in
            let data = Data(payload.utf8)
            guard (try? JSONSerialization.jsonObject(with: data)) != nil else {
                fatalError("generated stream payload \(index) is not JSON: \(payload)")
            }
            return data
        }
    }
}
