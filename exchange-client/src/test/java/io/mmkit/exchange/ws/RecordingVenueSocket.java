package io.mmkit.exchange.ws;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The venue's side of every WebSocket a test's client opens on a {@link mockwebserver3.MockWebServer}: upgrades
 * each request, records the sockets and the frames the client sent on each.
 */
public final class RecordingVenueSocket extends Dispatcher {
    /** One accepted connection and what the client sent on it. */
    public static final class Connection {
        public final String path;
        public final WebSocket socket;
        public final List<String> received = new CopyOnWriteArrayList<>();

        Connection(String path, WebSocket socket) {
            this.path = path;
            this.socket = socket;
        }

        public boolean subscribedTo(String stream) {
            return received.stream().anyMatch(f -> f.contains("\"" + stream + "\""));
        }
    }

    public final List<Connection> connections = new CopyOnWriteArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            private Connection connection;

            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                connection = new Connection(path, webSocket);
                connections.add(connection);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                connection.received.add(text);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
            }
        }).build();
    }

    /** The connections whose client subscribed to {@code stream}, oldest first. */
    public List<Connection> subscribedTo(String stream) {
        return connections.stream().filter(c -> c.subscribedTo(stream)).toList();
    }

    /** The newest connection whose client subscribed to {@code stream}. */
    public Connection latest(String stream) {
        List<Connection> matching = subscribedTo(stream);
        if (matching.isEmpty()) {
            throw new AssertionError("nobody subscribed to " + stream);
        }
        return matching.get(matching.size() - 1);
    }
}
