package config_test

import (
	"testing"
	"time"

	"helpdesk/internal/config"
)

func TestDefault(t *testing.T) {
	set, unset, negative := 3, 0, -1
	for _, v := range []*int{&set, &unset, &negative} {
		config.Default(v, 7)
	}
	if set != 3 || unset != 7 || negative != 7 {
		t.Errorf("set %d, unset %d, negative %d; want 3, 7, 7", set, unset, negative)
	}
	d := time.Duration(0)
	config.Default(&d, time.Minute)
	if d != time.Minute {
		t.Errorf("duration %s, want 1m", d)
	}
}
