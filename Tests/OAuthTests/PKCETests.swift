import OAuth
import XCTest

final class PKCETests: XCTestCase {
    /// RFC 7636 appendix B.
    func testS256ChallengeMatchesTheRFCVector() {
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        XCTAssertEqual(pkce.challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        XCTAssertEqual(pkce.method, "S256")
    }

    func testFreshVerifiersAreLongUnpaddedAndDistinct() {
        let verifiers = (0..<50).map { _ in PKCE().verifier.exposed }
        XCTAssertEqual(Set(verifiers).count, 50)
        for verifier in verifiers {
            XCTAssertEqual(verifier.count, 43)
            XCTAssertTrue(verifier.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, verifier)
        }
    }

    func testSecretsAreRedactedInEveryRendering() {
        let secret = SecretValue("fa_at_supersecret")
        let pkce = PKCE(verifier: "verifier-value-that-must-not-leak-0123456789")
        for text in ["\(secret)", String(describing: secret), String(reflecting: secret), "\(pkce)", "\([secret])"] {
            XCTAssertFalse(text.contains("supersecret"), text)
            XCTAssertFalse(text.contains("verifier-value"), text)
        }
    }
}
