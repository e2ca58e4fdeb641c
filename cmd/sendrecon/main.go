// Command sendrecon turns local SEND partnership documents into reconciled
// Parquet tables. See README.md, or run `sendrecon --help`.
package main

import (
	"os"

	"github.com/sendrecon/sendrecon/extract/isolate"
)

func main() {
	// A worker process of a batch (extract.isolation) serves here and exits.
	isolate.Main()
	ctx, stop := interruptible(os.Stderr)
	code := exitCode(Run(ctx, os.Args[1:], os.Stdout, os.Stderr))
	if s := stop(); s != nil {
		code = signalCode(s)
	}
	os.Exit(code)
}
