#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Ends a connection the way a failing upstream or network does, instead of with a response.
enum ConnectionControl {
    /// Aborts the connection with a TCP reset (SO_LINGER 0), so the client sees "connection
    /// reset by peer" rather than any HTTP response.
    static func reset(_ channel: any Channel) async {
        if let socket = channel as? any SocketOptionProvider {
            // Without linger the close would be an orderly FIN; still a dropped connection.
            try? await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close().get()
    }

    /// Closes the connection in the middle of a response, after what was written so far has
    /// been handed to the socket: the client reads a body that never ends properly.
    static func cut(_ channel: any Channel) async {
        try? await channel.close().get()
    }
}

/// Thrown out of a handler whose connection the mock closed on purpose, so Hummingbird stops
/// working on that request instead of writing a response nobody will read.
struct ConnectionClosedOnPurpose: Error {}
