package auth

import "fmt"

// clearPassword is mysql_clear_password: the password and a NUL, in clear,
// once. It answers only when the user allowed it and the channel is secure.
type clearPassword struct{}

func (*clearPassword) Name() string { return ClearPassword }

func (*clearPassword) Start(_ []byte, o *Options) ([]byte, error) {
	o = options(o)
	if err := checkCleartext(ClearPassword, o); err != nil {
		return nil, err
	}
	return passwordNUL(o.Password), nil
}

func (*clearPassword) Continue(payload []byte, _ *Options) ([]byte, error) {
	return nil, unexpected(ClearPassword, "%s after the password", describe(payload))
}

// checkCleartext refuses a clear-text password unless the user allowed it
// and the channel is secure.
func checkCleartext(plugin string, o *Options) error {
	if !o.AllowCleartext {
		return fmt.Errorf("%w: %s: AllowCleartext is off", ErrCleartextRefused, plugin)
	}
	if !o.Secure {
		return fmt.Errorf("%w: %s: %w", ErrCleartextRefused, plugin, ErrInsecureChannel)
	}
	return nil
}
