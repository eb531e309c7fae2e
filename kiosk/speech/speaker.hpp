#pragma once
// Speech output for the kiosk (DESIGN §8): espeak-ng on its own worker thread,
// so a draw pass never waits for synthesis. A kiosk without a sound device, or
// a language without a voice, stays silent and says so; nothing here throws.
//
// Thread safety: every public member may be called from any thread. espeak-ng
// keeps process-wide state, so at most one Speaker may exist at a time; a
// second one is constructed disabled with last_error() saying why. espeak-ng
// is started once per process and never shut down (its 1.51 shutdown can
// deadlock), so the first Speaker's output (device or buffer) stays for later ones.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

// Where synthesised audio goes.
enum class SpeechOutput {
    automatic, // the sound device when one exists, else `buffer`
    device,    // play through the sound device (espeak-ng's own playback)
    buffer,    // synthesise into memory only: tests read last_samples(), nothing is heard
};

struct SpeakerOptions {
    SpeechOutput output = SpeechOutput::automatic;
    // When set, each utterance is written here as a mono 16-bit WAV (replacing
    // the previous one) instead of being played: the output becomes `buffer`.
    // A WAV of a visit is a recording of it: engage-kiosk sets this (from the
    // env ENGAGE_SPEECH_WAV=FILE) only under --test-mode.
    std::filesystem::path wav_file;
    // espeak-ng speaking rate in words per minute; slow by default for a kiosk.
    int words_per_minute = 150;
};

// One piece of a screen's text and the language it is written in: a screen
// in Polish may show a question still in English, read in the English voice.
struct SpeechPart {
    std::string text;     // UTF-8, logical order
    std::string language; // catalogue code
    bool operator==(const SpeechPart&) const = default;
};

class Speaker {
public:
    // Starts espeak-ng and the worker. Never throws: on failure the speaker is
    // unavailable (available() false, last_error() says why) and say() is a no-op.
    explicit Speaker(SpeakerOptions options = {});
    // Stops speech and joins the worker. espeak-ng itself stays started for
    // the rest of the process (see above), so a later Speaker can reuse it.
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    // Queues `text` (UTF-8, logical order) in `language` (a catalogue code, one
    // of kiosk_speech_languages()). Replaces anything queued but not yet started
    // and interrupts what is being spoken: the newest request is what the person
    // asked for. A language without a voice is not read at all (has_voice()
    // false, last_error() says so): never in another language's voice, which
    // would garble it. No-op when disabled.
    void say(std::string_view text, std::string_view language);
    // As say(), for pieces in different languages, read one after the other,
    // each in its own voice; a piece without a voice is left out.
    void say(std::vector<SpeechPart> parts);
    // Interrupts the current utterance and drops the queue; returns at once.
    void stop();
    // Turns speech on or off (off also stops). Enabled by default.
    void set_enabled(bool on);
    bool enabled() const;
    // True while an utterance is queued or being synthesised/played.
    bool speaking() const;
    // Blocks until nothing is queued or speaking, or `timeout_ms` passed; true
    // if idle. For tests and the script runner, never for the draw pass.
    bool wait_idle(int timeout_ms) const;

    // False when espeak-ng could not start; then nothing is ever spoken.
    bool available() const;
    // True when espeak-ng has a voice for this catalogue language code.
    bool has_voice(std::string_view language) const;
    // The last problem (no sound device, missing voice for "so", ...), or "".
    std::string last_error() const;

    // Samples (mono, 16-bit, sample_rate() Hz) of the last finished utterance
    // when the output is `buffer`; empty otherwise. For tests.
    std::vector<std::int16_t> last_samples() const;
    int sample_rate() const;

    struct State; // the worker's shared state; defined in speaker.cpp

private:
    std::unique_ptr<State> state_;
};

// The espeak-ng voice name used for a catalogue language code ("kmr" → "ku";
// "ku" is not Sorani, so ckb maps to "" = no voice); "" when there is none:
// so, ckb and ti with espeak-ng 1.51.
std::string espeak_voice_for(std::string_view language);
// The catalogue codes the speaker looks for voices for at start.
const std::vector<std::string>& kiosk_speech_languages();

} // namespace engage::kiosk
