import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB-wire server for tests: mongo-java-server's in-memory backend on
 * host:port (default 127.0.0.1:27017). Data lives only as long as the process.
 *
 * It announces MongoDB 5.0 (wire version 8) because the Node driver 7 refuses
 * servers older than 4.2; the commands it implements are listed in
 * docs/services.md.
 */
public final class ElectrolakeMongo {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 27017;

        MongoServer server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
        server.bind(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-shutdown"));
        System.out.println("electrolake-mongo listening on " + host + ":" + port);
        // Netty's event loop threads are not daemons: the JVM lives until stopped.
    }
}
