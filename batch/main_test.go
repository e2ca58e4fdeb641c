package batch

import (
	"os"
	"testing"

	"github.com/sendrecon/sendrecon/extract/isolate"
)

// TestMain lets this test binary serve as the batch's worker process, as
// the sendrecon binary does.
func TestMain(m *testing.M) {
	isolate.Main()
	os.Exit(m.Run())
}
