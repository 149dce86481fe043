import RouteModel
import XCTest

/// One definition of "this key variable holds a key", shared by the summary, `route` and the
/// runtime's key pools.
final class ProviderCredentialsTests: XCTestCase {
    func testBlankValuesAreMissingAndKeysAreTrimmed() {
        let provider = ProviderSpec(
            name: "glm", preset: nil, wireProtocol: .anthropic, baseURL: "https://example.com", auth: .xApiKey,
            keyEnv: ["A", "B", "C", "D"], models: [], quirks: ProviderQuirks()
        )
        let environment = ["A": " key-a\t", "B": "  ", "C": ""]
        XCTAssertEqual(ProviderSpec.keyValue("A", in: environment), "key-a")
        XCTAssertNil(ProviderSpec.keyValue("B", in: environment))
        XCTAssertEqual(provider.presentKeyEnv(in: environment), ["A"])
        XCTAssertEqual(provider.missingKeyEnv(in: environment), ["B", "C", "D"])
        XCTAssertTrue(provider.hasStaticCredentials(in: environment))
        XCTAssertFalse(provider.hasStaticCredentials(in: ["B": " "]))
    }
}
