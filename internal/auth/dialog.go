package auth

import "fmt"

// The question types of the dialog plugin: the first byte of each prompt.
// Bit 0 marks the last question; the rest says what is asked.
const (
	dialogOrdinary = 2 // an ordinary question: the answer is echoed
	dialogPassword = 4 // a password question
	dialogLast     = 1 // OR'ed in: no question follows
)

// dialog is the dialog plugin, which MariaDB's PAM plugin speaks: the server
// sends prompts (a type byte, then the text) and the client answers each with
// text and a NUL. The first prompt may arrive as the auth switch's data.
//
// Without a person to ask, the plugin answers only the first password
// question, with the password (in clear, so only when AllowCleartext and
// Secure); any other question is an ErrUnansweredPrompt, as in MariaDB's own
// client when it has no prompt function. When Start has no prompt to answer
// (COM_CHANGE_USER, or dialog named in the handshake response) the client
// speaks first and sends the password unasked; that does not count as the
// answer, because a server that then asks discards what came unasked.
type dialog struct {
	answered bool // the first password question was answered
	done     bool // the last question was answered
}

func (*dialog) Name() string { return Dialog }

func (p *dialog) Start(nonce []byte, o *Options) ([]byte, error) {
	o = options(o)
	if err := checkCleartext(Dialog, o); err != nil {
		return nil, err
	}
	if len(nonce) == 0 || !isQuestion(nonce[0]) {
		// No prompt: a COM_CHANGE_USER, or dialog named in the handshake
		// response (the greeting's nonce is a scramble, not a prompt).
		return passwordNUL(o.Password), nil
	}
	return p.answer(nonce, o)
}

func (p *dialog) Continue(payload []byte, o *Options) ([]byte, error) {
	o = options(o)
	if len(payload) > 0 && payload[0] == moreData {
		payload = payload[1:] // MySQL wraps plugin data in AuthMoreData
	}
	if p.done {
		return nil, unexpected(Dialog, "%s after the last question", describe(payload))
	}
	if len(payload) == 0 || !isQuestion(payload[0]) {
		return nil, unexpected(Dialog, "want a question, got %s", describe(payload))
	}
	return p.answer(payload, o)
}

// answer answers one prompt: its type byte, then its text.
func (p *dialog) answer(prompt []byte, o *Options) ([]byte, error) {
	if err := checkCleartext(Dialog, o); err != nil {
		return nil, err
	}
	kind, text := prompt[0], prompt[1:]
	if kind&^dialogLast != dialogPassword || p.answered {
		return nil, promptError(kind, text)
	}
	p.answered = true
	p.done = kind&dialogLast != 0
	return passwordNUL(o.Password), nil
}

// isQuestion reports whether b is the type byte of a question.
func isQuestion(b byte) bool {
	k := b &^ dialogLast
	return k == dialogOrdinary || k == dialogPassword
}

// promptError reports a dialog question the plugin cannot answer, quoting
// the server's prompt (shortened).
func promptError(kind byte, text []byte) error {
	what := "ordinary question"
	if kind&^dialogLast == dialogPassword {
		what = "second password question"
	}
	return fmt.Errorf("%w: %s %q", ErrUnansweredPrompt, what, truncate(string(text)))
}
