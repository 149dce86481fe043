import RouteModel
import XCTest

final class SystemReminderTests: XCTestCase {
    func testStripsEverySectionAndAnUnclosedTail() {
        XCTAssertEqual(SystemReminder.strip("plain"), "plain")
        XCTAssertEqual(SystemReminder.strip("a<system-reminder>ultrathink</system-reminder>b"), "ab")
        XCTAssertEqual(
            SystemReminder.strip("<system-reminder>x</system-reminder>one<system-reminder>y</system-reminder>two"),
            "onetwo"
        )
        XCTAssertEqual(SystemReminder.strip("keep<system-reminder>never closed"), "keep")
    }
}
