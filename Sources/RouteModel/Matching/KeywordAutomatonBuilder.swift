/// Builds a ``KeywordAutomaton`` from keywords: a byte trie, Aho–Corasick failure links, then
/// every transition resolved so the scanner never follows a failure link at run time.
public enum KeywordAutomatonBuilder {
    public static func build(keywords rawKeywords: [String]) -> KeywordAutomaton {
        let keywords = rawKeywords.map(KeywordAutomaton.fold)

        // Byte classes: each byte used by a keyword gets its own class; the rest share class 0.
        var byteClasses = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for byte in Set(keywords.flatMap(\.utf8)).sorted() where byte != 0 {
            byteClasses[Int(byte)] = UInt8(classCount)
            classCount += 1
        }

        // Trie, with per-state outputs.
        var children: [[Int: Int]] = [[:]]
        var outputs: [[Int]] = [[]]
        for (id, keyword) in keywords.enumerated() where !keyword.isEmpty {
            var state = 0
            for byte in keyword.utf8 {
                let cls = Int(byteClasses[Int(byte)])
                if let next = children[state][cls] {
                    state = next
                } else {
                    children.append([:])
                    outputs.append([])
                    children[state][cls] = children.count - 1
                    state = children.count - 1
                }
            }
            outputs[state].append(id)
        }

        // Breadth-first: failure links, merged outputs, and the full transition function.
        let stateCount = children.count
        var transitions = [Int32](repeating: 0, count: stateCount * classCount)
        var failure = [Int](repeating: 0, count: stateCount)
        var queue: [Int] = []
        for cls in 0 ..< classCount {
            if let child = children[0][cls] {
                transitions[cls] = Int32(child)
                queue.append(child)
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            outputs[state] += outputs[failure[state]]
            for cls in 0 ..< classCount {
                if let child = children[state][cls] {
                    failure[child] = Int(transitions[failure[state] * classCount + cls])
                    transitions[state * classCount + cls] = Int32(child)
                    queue.append(child)
                } else {
                    transitions[state * classCount + cls] = transitions[failure[state] * classCount + cls]
                }
            }
        }

        var outputOffsets: [Int32] = [0]
        var outputIDs: [Int32] = []
        for state in 0 ..< stateCount {
            outputIDs += Set(outputs[state]).sorted().map { Int32($0) }
            outputOffsets.append(Int32(outputIDs.count))
        }
        return KeywordAutomaton(
            keywords: keywords, byteClasses: byteClasses, classCount: classCount,
            transitions: transitions, outputOffsets: outputOffsets, outputIDs: outputIDs
        )
    }
}
