// Command sendrecon turns local SEND partnership documents into reconciled
// Parquet tables. See README.md, or run `sendrecon --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/sendrecon/sendrecon/extract/isolate"
)

func main() {
	// A worker process of a batch (extract.isolation) serves here and exits.
	isolate.Main()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := exitCode(Run(ctx, os.Args[1:], os.Stdout, os.Stderr))
	stop()
	os.Exit(code)
}
