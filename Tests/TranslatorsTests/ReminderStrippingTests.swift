import Foundation
import RouteModel
import XCTest
@testable import Translators

final class ReminderStrippingTests: XCTestCase {
    func testMatchesSystemReminderStrip() throws {
        var samples = [
            "", "plain", "<system-reminder>x</system-reminder>", "a<system-reminder>x</system-reminder>b<system-reminder>y",
            "<system-reminder>unclosed", "</system-reminder>stray close", "é<system-reminder>ü</system-reminder>日本",
            "<system-reminder><system-reminder>nested</system-reminder>after</system-reminder>tail",
        ]
        for capture in try Fixtures.captures() {
            let object = try JSONTestSupport.object(capture.body)
            for message in object["messages"] as? [[String: Any]] ?? [] {
                if let text = message["content"] as? String { samples.append(text) }
                for block in message["content"] as? [[String: Any]] ?? [] {
                    if let text = block["text"] as? String { samples.append(text) }
                }
            }
        }
        var generator = SeededGenerator(seed: 5)
        let pieces = ["<system-reminder>", "</system-reminder>", "a", "é", " ", "<", "system-reminder>", "\n"]
        for _ in 0..<2_000 {
            samples.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        for sample in samples {
            XCTAssertEqual(ReminderStripping.strip(Array(sample.utf8)), SystemReminder.strip(sample), sample.debugDescription)
        }
    }
}
