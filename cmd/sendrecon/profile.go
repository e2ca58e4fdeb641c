package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// profiles are the hidden --cpuprofile and --memprofile flags: what a
// developer measuring a real batch needs (go tool pprof FILE). They profile
// this process only; with extract.isolation=process the documents are read
// in worker processes, so profile extraction with isolation=none.
type profiles struct {
	cpuFile, memFile string
	cpu              *os.File
}

func (p *profiles) flags(root *cobra.Command) {
	f := root.PersistentFlags()
	f.StringVar(&p.cpuFile, "cpuprofile", "", "write a CPU profile of this process to `FILE`")
	f.StringVar(&p.memFile, "memprofile", "", "write an allocation profile of this process to `FILE` at the end")
	_ = f.MarkHidden("cpuprofile")
	_ = f.MarkHidden("memprofile")
}

func (p *profiles) startProfiles() error {
	if p.cpuFile == "" {
		return nil
	}
	f, err := os.Create(p.cpuFile)
	if err != nil {
		return fmt.Errorf("cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("cpuprofile %s: %w", p.cpuFile, err)
	}
	p.cpu = f
	return nil
}

// stopProfiles ends the CPU profile and writes the allocation profile; it
// runs whether the command succeeded or not.
func (p *profiles) stopProfiles() error {
	var errs []error
	if p.cpu != nil {
		pprof.StopCPUProfile()
		errs = append(errs, p.cpu.Close())
		p.cpu = nil
	}
	if p.memFile != "" {
		f, err := os.Create(p.memFile)
		if err != nil {
			return fmt.Errorf("memprofile: %w", err)
		}
		runtime.GC()
		errs = append(errs, pprof.Lookup("allocs").WriteTo(f, 0), f.Close())
	}
	return errors.Join(errs...)
}
