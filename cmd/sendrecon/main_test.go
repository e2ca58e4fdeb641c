package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sendrecon/sendrecon/extract/isolate"
)

// TestMain lets this test binary serve as the batch's worker process, as
// the sendrecon binary does, and lets the fault tests run the real command
// in a process of its own: with SR_TEST_MAIN=1 the test binary is sendrecon.
func TestMain(m *testing.M) {
	isolate.Main()
	if os.Getenv("SR_TEST_MAIN") == "1" {
		limitFileSize(os.Getenv("SR_TEST_FSIZE"))
		main()
	}
	os.Exit(m.Run())
}

// sendrecon runs the command in a process started in dir, and returns its
// exit code and stderr.
func sendrecon(t *testing.T, dir string, env []string, args ...string) (int, string) {
	t.Helper()
	cmd := command(dir, env, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stderr.String()
}

func command(dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "SR_TEST_MAIN=1"), env...)
	return cmd
}

// snapshot is every file under dir and its bytes, with the staging
// folders beside dir, to show that a failed run changed nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m[p] = string(b)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	staging, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".staging-*"))
	for _, s := range staging {
		m[s] = "(staging folder)"
	}
	return m
}

// sameFiles fails unless after is before: nothing lost, changed or left.
func sameFiles(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			t.Errorf("lost: %s", p)
		case a != b:
			t.Errorf("changed: %s", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("left behind: %s", p)
		}
	}
}

// documentRows are the source paths of a run's documents rows.
func documentRows(t *testing.T, out string) []string {
	t.Helper()
	rows, err := duck(t).Query(`SELECT source_path FROM read_parquet(?)`, filepath.Join(out, "documents.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var paths []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// everyInputHasARow checks one documents row per input, by path.
func everyInputHasARow(t *testing.T, out string, inputs []string) {
	t.Helper()
	rows := documentRows(t, out)
	if len(rows) != len(inputs) {
		t.Errorf("%d documents rows for %d inputs: %s", len(rows), len(inputs), strings.Join(rows, ", "))
	}
	have := map[string]bool{}
	for _, r := range rows {
		have[r] = true
	}
	for _, in := range inputs {
		if !have[in] {
			t.Errorf("no documents row for %s", in)
		}
	}
}
