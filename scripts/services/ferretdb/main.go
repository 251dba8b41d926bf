// Command electrolake-ferretdb runs FerretDB v1 (a MongoDB-wire server that
// stores documents in PostgreSQL) through its embeddable package. The
// project's compatibility tests use it as a second Mongo-wire server beside
// mongo-java-server. We build our own main because `go install` of the
// upstream command panics on the version file its release build generates.
//
// Usage: electrolake-ferretdb -listen 127.0.0.1:27018 -postgresql-url postgres://...
package main

import (
	"context"
	"flag"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27018", "TCP address to listen on (keep it on loopback)")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL connection string, e.g. postgres://user@127.0.0.1:5433/ferretdb")
	flag.Parse()
	if *pgURL == "" {
		log.Fatal("-postgresql-url is required")
	}

	// Warnings and errors only: one line per connection would flood the log.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log.Printf("FerretDB listening on %s", *listen)
	if err := f.Run(ctx); err != nil {
		log.Fatal(err)
	}
}
