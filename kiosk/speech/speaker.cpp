#include "kiosk/speech/speaker.hpp"

#include "kiosk/speech/wav_file.hpp"
#include "kiosk/text/digits.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <espeak-ng/speak_lib.h>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace engage::kiosk {
namespace {

// espeak-ng keeps process-wide state: one Speaker at a time.
std::atomic<bool> g_instance_alive{false};

// At 22 kHz a minute of speech is 2.6 MB; nothing the kiosk reads is longer,
// and the bound keeps a runaway text from filling memory.
constexpr std::size_t kMaxBufferedSamples = 22050u * 60u;

// Init loads voice data from disk (tens of ms); callers that need to know
// whether speech works wait at most this long for it.
constexpr auto kInitWait = std::chrono::seconds(5);

bool sound_device_present() {
    std::error_code ec;
    if (const char* pulse = std::getenv("PULSE_SERVER"); pulse != nullptr && *pulse != '\0') {
        return true;
    }
    if (const char* run = std::getenv("XDG_RUNTIME_DIR"); run != nullptr && *run != '\0') {
        if (std::filesystem::exists(std::filesystem::path(run) / "pulse" / "native", ec))
            return true;
    }
    for (const auto& entry : std::filesystem::directory_iterator("/dev/snd", ec)) {
        const auto name = entry.path().filename().string();
        if (name.starts_with("pcmC") && name.ends_with("p"))
            return true;
    }
    return false;
}

} // namespace

std::string espeak_voice_for(std::string_view language) {
    // en-gb: the kiosks are in UK day centres. espeak-ng's "ku" is Kurmanji in
    // Latin script: it reads kmr, but it cannot read Sorani (Arabic script), so
    // ckb has no voice. espeak-ng 1.51 has no Somali and no Tigrinya voice
    // (its Amharic voice would mispronounce Tigrinya: same script, other words).
    if (language == "en")
        return "en-gb";
    if (language == "kmr")
        return "ku";
    for (std::string_view own : {"pl", "ro", "pt", "ar", "fa", "ur", "pa", "bn", "am"}) {
        if (language == own)
            return std::string(language);
    }
    return "";
}

const std::vector<std::string>& kiosk_speech_languages() {
    static const std::vector<std::string> codes{"en", "pl", "ro",  "pt", "so", "kmr", "ar",
                                                "fa", "ur", "ckb", "pa", "bn", "ti",  "am"};
    return codes;
}

struct Speaker::State {
    using Request = std::vector<SpeechPart>;

    SpeakerOptions options;
    mutable std::mutex mutex;
    std::condition_variable wake;         // worker: a request or quit
    mutable std::condition_variable idle; // waiters: init done, or nothing left to say
    std::optional<Request> pending;
    bool busy = false;
    bool quit = false;
    bool enabled = true;
    bool initialised = false; // init attempted (successfully or not)
    bool available = false;
    bool owns_instance = false;
    SpeechOutput mode = SpeechOutput::buffer;
    int rate = 0;
    std::set<std::string, std::less<>> voices; // catalogue codes with a voice
    std::string error;
    std::vector<std::int16_t> last;
    std::vector<std::int16_t> current;   // worker only
    std::atomic<unsigned> generation{0}; // bumped to abort the utterance in progress
    unsigned speaking_generation = 0;    // worker only
    std::thread worker;

    void run();
    bool initialise(SpeechOutput wanted);
    void speak(const Request& request);
};

namespace {

Speaker::State* g_state = nullptr; // the live instance, for espeak-ng's C callback

int synth_callback(short* wav, int count, espeak_EVENT*) {
    auto* s = g_state;
    if (s == nullptr)
        return 1;
    if (s->generation.load() != s->speaking_generation)
        return 1; // stop() or a newer say()
    if (wav != nullptr && count > 0 && s->mode == SpeechOutput::buffer &&
        s->current.size() < kMaxBufferedSamples) {
        s->current.insert(s->current.end(), wav, wav + count);
    }
    return 0;
}

} // namespace

namespace {

// espeak-ng is started once per process and never terminated: in 1.51,
// espeak_Terminate() can deadlock with its own internal fifo thread (seen in
// the tests), and the engine's memory goes back to the system at exit anyway.
// Only one Speaker runs at a time, so its worker is the only thread using it.
struct Engine {
    bool tried = false;
    bool ok = false;
    SpeechOutput mode = SpeechOutput::buffer;
    int rate = 0;
};
Engine g_engine; // guarded by g_instance_alive: only the live Speaker's worker touches it

bool select_voice(const std::string& voice) {
    // By language rather than by name: "en-gb" is a language tag, and the
    // voice names ("English_(Great_Britain)") are not stable across versions.
    espeak_VOICE wanted{};
    wanted.languages = voice.c_str();
    return espeak_SetVoiceByProperties(&wanted) == EE_OK;
}

} // namespace

bool Speaker::State::initialise(SpeechOutput wanted) {
    if (!g_engine.tried) {
        g_engine.tried = true;
        const auto output =
            wanted == SpeechOutput::device ? AUDIO_OUTPUT_SYNCH_PLAYBACK : AUDIO_OUTPUT_SYNCHRONOUS;
        // DONT_EXIT: espeak-ng would otherwise exit() the kiosk when its data is missing.
        const int sample_rate = espeak_Initialize(output, 200, nullptr, espeakINITIALIZE_DONT_EXIT);
        g_engine.ok = sample_rate > 0;
        g_engine.mode = wanted;
        g_engine.rate = sample_rate;
    }
    if (!g_engine.ok)
        return false;
    espeak_SetSynthCallback(synth_callback);
    espeak_SetParameter(espeakRATE, options.words_per_minute, 0);
    std::set<std::string, std::less<>> found;
    for (const auto& code : kiosk_speech_languages()) {
        const auto voice = espeak_voice_for(code);
        if (!voice.empty() && select_voice(voice))
            found.insert(code);
    }
    std::lock_guard lock(mutex);
    mode = g_engine.mode;
    rate = g_engine.rate;
    voices = std::move(found);
    available = true;
    if (mode != wanted)
        error = "speech output was fixed by the first speaker in this process";
    return true;
}

void Speaker::State::speak(const Request& request) {
    current.clear();
    const unsigned started = speaking_generation;
    for (const auto& part : request) {
        if (generation.load() != started)
            return; // stop() or a newer say(): drop the rest
        {
            std::lock_guard lock(mutex);
            if (!voices.contains(part.language)) {
                error = "no speech voice for language \"" + part.language + "\"";
                continue;
            }
        }
        if (part.text.empty() || !select_voice(espeak_voice_for(part.language)))
            continue;
        // Numbers are shown in the language's digits (text/digits.hpp); the
        // voices read ASCII digits, and Urdu's skips ۰–۹ altogether.
        const std::string text = ascii_digits(part.text);
        const auto result = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                         espeakCHARS_UTF8, nullptr, nullptr);
        if (result != EE_OK) {
            std::lock_guard lock(mutex);
            error = mode == SpeechOutput::device ? "sound device failed; speech is silent"
                                                 : "speech synthesis failed";
            return;
        }
    }
    std::lock_guard lock(mutex);
    if (mode == SpeechOutput::buffer) {
        last = std::move(current);
        current = {};
        if (!options.wav_file.empty() && !write_wav(options.wav_file, last, rate)) {
            error = "cannot write " + options.wav_file.string();
        }
    }
}

void Speaker::State::run() {
    auto wanted = options.output;
    if (wanted == SpeechOutput::automatic) {
        wanted = sound_device_present() ? SpeechOutput::device : SpeechOutput::buffer;
    }
    // A WAV file needs the samples, which only the buffer mode hands over.
    if (!options.wav_file.empty())
        wanted = SpeechOutput::buffer;
    const bool ok = initialise(wanted);
    {
        std::lock_guard lock(mutex);
        initialised = true;
        if (!ok)
            error = "espeak-ng could not start (voice data missing?)";
        if (!ok)
            quit = true;
    }
    idle.notify_all();
    if (!ok)
        return;

    std::unique_lock lock(mutex);
    for (;;) {
        wake.wait(lock, [&] { return quit || pending.has_value(); });
        if (quit)
            break;
        Request request = std::move(*pending);
        pending.reset();
        busy = true;
        speaking_generation = generation.load();
        lock.unlock();
        speak(request);
        lock.lock();
        busy = false;
        if (!pending)
            idle.notify_all();
    }
}

Speaker::Speaker(SpeakerOptions options) : state_(std::make_unique<State>()) {
    state_->options = std::move(options);
    bool expected = false;
    if (!g_instance_alive.compare_exchange_strong(expected, true)) {
        state_->initialised = true;
        state_->enabled = false;
        state_->error = "another Speaker is already running";
        return;
    }
    state_->owns_instance = true;
    g_state = state_.get();
    try {
        state_->worker = std::thread([s = state_.get()] { s->run(); });
    } catch (const std::system_error&) {
        state_->initialised = true;
        state_->error = "cannot start the speech thread";
    }
}

Speaker::~Speaker() {
    if (!state_->owns_instance)
        return;
    {
        std::lock_guard lock(state_->mutex);
        state_->quit = true;
        state_->pending.reset();
        state_->generation.fetch_add(1);
    }
    state_->wake.notify_all();
    if (state_->worker.joinable())
        state_->worker.join();
    g_state = nullptr;
    g_instance_alive.store(false);
}

void Speaker::say(std::string_view text, std::string_view language) {
    say(std::vector<SpeechPart>{SpeechPart{std::string(text), std::string(language)}});
}

void Speaker::say(std::vector<SpeechPart> parts) {
    std::erase_if(parts, [](const SpeechPart& p) { return p.text.empty(); });
    if (parts.empty())
        return;
    {
        std::lock_guard lock(state_->mutex);
        if (!state_->enabled || state_->quit)
            return;
        state_->pending = std::move(parts);
        state_->generation.fetch_add(1); // interrupt whatever is being said
    }
    state_->wake.notify_all();
}

void Speaker::stop() {
    {
        std::lock_guard lock(state_->mutex);
        state_->pending.reset();
        state_->generation.fetch_add(1);
    }
}

void Speaker::set_enabled(bool on) {
    {
        std::lock_guard lock(state_->mutex);
        if (!state_->owns_instance)
            return;
        state_->enabled = on;
    }
    if (!on)
        stop();
}

bool Speaker::enabled() const {
    std::lock_guard lock(state_->mutex);
    return state_->enabled;
}

bool Speaker::speaking() const {
    std::lock_guard lock(state_->mutex);
    return state_->busy || state_->pending.has_value();
}

bool Speaker::wait_idle(int timeout_ms) const {
    std::unique_lock lock(state_->mutex);
    return state_->idle.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] {
        return state_->quit || (!state_->busy && !state_->pending.has_value());
    });
}

bool Speaker::available() const {
    std::unique_lock lock(state_->mutex);
    state_->idle.wait_for(lock, kInitWait, [&] { return state_->initialised; });
    return state_->available;
}

bool Speaker::has_voice(std::string_view language) const {
    std::unique_lock lock(state_->mutex);
    state_->idle.wait_for(lock, kInitWait, [&] { return state_->initialised; });
    return state_->voices.contains(language);
}

std::string Speaker::last_error() const {
    std::lock_guard lock(state_->mutex);
    return state_->error;
}

std::vector<std::int16_t> Speaker::last_samples() const {
    std::lock_guard lock(state_->mutex);
    return state_->last;
}

int Speaker::sample_rate() const {
    std::unique_lock lock(state_->mutex);
    state_->idle.wait_for(lock, kInitWait, [&] { return state_->initialised; });
    return state_->rate;
}

} // namespace engage::kiosk
