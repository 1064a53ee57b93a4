package io.mmkit.collector;

/**
 * A {@link FakeBinanceVenue} as a process, for measuring a {@code collect} process from the outside: prints
 * {@code port <n>}, waits for one collector to subscribe, then streams the fixture's messages in a loop (argument:
 * messages a second, 0 or none for as fast as the collector takes them) until killed. Not a test.
 */
public final class FakeBinanceVenueMain {
    private FakeBinanceVenueMain() {
    }

    public static void main(String[] args) throws Exception {
        try (FakeBinanceVenue venue = new FakeBinanceVenue()) {
            System.out.println("port " + venue.baseUrl().substring(venue.baseUrl().lastIndexOf(':') + 1));
            System.out.flush();
            venue.awaitSubscribed();
            venue.streamForever(args.length > 0 ? Integer.parseInt(args[0]) : 0);
            new java.util.concurrent.CountDownLatch(1).await(); // until killed
        }
    }
}
