import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB-wire server for tests: mongo-java-server's in-memory backend on
 * host:port (default 127.0.0.1:27017). Data lives only as long as the process.
 * The commands it implements (and those it does not) are in docs/services.md.
 */
public final class ElectrolakeMongo {

    /**
     * mongo-java-server announces at most wire version 8 (MongoDB 4.2), but
     * the Node driver 7 refuses anything below 9 (MongoDB 4.4). We announce
     * 4.4, the smallest version the driver accepts; the driver turns on no
     * feature at 4.4 that our tests need and the server lacks (checked by
     * test/integration/services.test.ts).
     */
    private static final MongoVersion ANNOUNCED = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 4, 0);
        }

        @Override
        public int getWireVersion() {
            return 9;
        }
    };

    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 27017;

        MongoServer server = new MongoServer(new MemoryBackend().version(ANNOUNCED));
        server.bind(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-shutdown"));
        System.out.println("electrolake-mongo listening on " + host + ":" + port);
        // Netty's event loop threads are not daemons: the JVM lives until stopped.
    }
}
