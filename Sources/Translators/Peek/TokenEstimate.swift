/// Images seen while peeking: how many, and how many body bytes their data takes.
struct ImageTally {
    var count = 0
    var dataBytes = 0

    mutating func add(dataBytes bytes: Int) {
        count += 1
        dataBytes += bytes
    }
}

/// A cheap input-token estimate for routing rules (`input_tokens_over`), not for billing.
///
/// About four bytes of JSON per token holds for Claude Code's English-heavy requests (the tool
/// schemas' punctuation tokenises densely too). Base64 image data is taken out and each image
/// counted at a flat rate, since providers bill images by size, not by their encoding.
enum TokenEstimate {
    static let bytesPerToken = 4
    static let tokensPerImage = 1_600

    static func estimate(bodyBytes: Int, images: ImageTally) -> Int {
        max(0, bodyBytes - images.dataBytes) / bytesPerToken + images.count * tokensPerImage
    }
}
