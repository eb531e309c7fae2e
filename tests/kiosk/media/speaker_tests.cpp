#include "kiosk/speech/speaker.hpp"
#include "media_paths.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

using engage::kiosk::Speaker;
using engage::kiosk::SpeakerOptions;
using engage::kiosk::SpeechOutput;

namespace {

double rms(const std::vector<std::int16_t>& samples) {
    double sum = 0;
    for (auto s : samples)
        sum += static_cast<double>(s) * s;
    return samples.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(samples.size()));
}

SpeakerOptions buffered() {
    SpeakerOptions options;
    options.output = SpeechOutput::buffer;
    return options;
}

// Speech synthesis takes a moment on a busy machine; this only bounds a hang.
constexpr int kGenerousMs = 20000;

} // namespace

TEST_CASE("speech produces audible samples in every language with a voice", "[media][speech]") {
    Speaker speaker(buffered());
    REQUIRE(speaker.available());
    CHECK(speaker.sample_rate() > 8000);
    auto [language, text] = GENERATE(table<std::string, std::string>({
        {"en", "Give feedback"},
        {"pl", "Twoja opinia jest dla nas ważna"},
        {"ro", "Spune-ne ce crezi"},
        {"pt", "Diga-nos o que pensa"},
        {"ar", "شكرا لك"},
        {"fa", "نظر بدهید"},
        {"ur", "رائے دیں"},
    }));
    CAPTURE(language);
    CHECK(speaker.has_voice(language));
    speaker.say(text, language);
    REQUIRE(speaker.wait_idle(kGenerousMs));
    const auto samples = speaker.last_samples();
    // At least a quarter of a second of sound, and not silence.
    CHECK(samples.size() > static_cast<std::size_t>(speaker.sample_rate() / 4));
    CHECK(rms(samples) > 100.0);
    CHECK_FALSE(speaker.speaking());
}

TEST_CASE("a language without a voice stays silent and says why", "[media][speech]") {
    Speaker speaker(buffered());
    REQUIRE(speaker.available());
    CHECK_FALSE(speaker.has_voice("ckb"));
    speaker.say("بەڵێ", "ckb");
    REQUIRE(speaker.wait_idle(kGenerousMs));
    CHECK(speaker.last_samples().empty());
    CHECK_THAT(speaker.last_error(), Catch::Contains("ckb"));
    SECTION("Somali has no voice but its Latin script is read by the English voice") {
        CHECK_FALSE(speaker.has_voice("so"));
        speaker.say("Fadlan", "so");
        REQUIRE(speaker.wait_idle(kGenerousMs));
        CHECK_FALSE(speaker.last_samples().empty());
    }
}

TEST_CASE("stop interrupts a long utterance and disabled speech says nothing", "[media][speech]") {
    Speaker speaker(buffered());
    REQUIRE(speaker.available());
    std::string long_text;
    for (int i = 0; i < 40; ++i)
        long_text += "This sentence is long and would take a while. ";
    speaker.say("Short", "en");
    REQUIRE(speaker.wait_idle(kGenerousMs));
    const auto short_size = speaker.last_samples().size();
    speaker.say(long_text, "en");
    speaker.stop();
    REQUIRE(speaker.wait_idle(kGenerousMs));
    // Whatever was synthesised before the stop is far from 40 sentences.
    CHECK(speaker.last_samples().size() < short_size * 40);

    speaker.set_enabled(false);
    CHECK_FALSE(speaker.enabled());
    speaker.say("Hello", "en");
    CHECK_FALSE(speaker.speaking());
}

TEST_CASE("speech can be written to a WAV file for a person to listen to", "[media][speech]") {
    SpeakerOptions options = buffered();
    options.wav_file = engage::kiosk::testing::output_dir() / "speech-en.wav";
    std::filesystem::remove(options.wav_file);
    Speaker speaker(options);
    speaker.say("Touch to start", "en");
    REQUIRE(speaker.wait_idle(kGenerousMs));
    std::ifstream in(options.wav_file, std::ios::binary);
    REQUIRE(in);
    char riff[4] = {};
    in.read(riff, 4);
    CHECK(std::string(riff, 4) == "RIFF");
    CHECK(std::filesystem::file_size(options.wav_file) > 44 + 2000);
}

TEST_CASE("a second speaker at the same time is disabled instead of corrupting the first",
          "[media][speech]") {
    Speaker first(buffered());
    Speaker second(buffered());
    CHECK_FALSE(second.available());
    CHECK_FALSE(second.enabled());
    CHECK_THAT(second.last_error(), Catch::Contains("another"));
    first.say("Still works", "en");
    REQUIRE(first.wait_idle(kGenerousMs));
    CHECK_FALSE(first.last_samples().empty());
}
