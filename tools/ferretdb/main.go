// Command ferretdb-embedded runs FerretDB (MongoDB wire protocol) on SQLite storage.
// It embeds FerretDB as a library because `go install` of its cmd panics on a
// missing build/version/version.txt (upstream issue 2982).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("dir", "", "data directory for SQLite files (created if missing); empty keeps data in memory")
	flag.Parse()

	url := "file:" + *dir + "/"
	if *dir == "" {
		url = "file:./?mode=memory"
	} else if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "cannot create data directory:", err)
		os.Exit(1)
	}

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Handler:   "sqlite",
		SQLiteURL: url,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot configure FerretDB:", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	fmt.Println("ferretdb listening on", *listen)
	if err := db.Run(ctx); err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "FerretDB stopped:", err)
		os.Exit(1)
	}
}
