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
        {"kmr", "Nêrîna xwe bide"},
        {"pa", "ਆਪਣੀ ਰਾਏ ਦਿਓ"},
        {"bn", "মতামত দিন"},
        {"am", "አስተያየት ይስጡ"},
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
    // espeak-ng 1.51 has no Sorani, Somali or Tigrinya voice. Reading them in
    // another voice (English for Latin-script Somali, Amharic for Tigrinya's
    // Ethiopic script) would garble them, so they are not read at all.
    auto [language, text] = GENERATE(table<std::string, std::string>({
        {"ckb", "بەڵێ"},
        {"so", "Fadlan"},
        {"ti", "ሰላም"},
    }));
    CAPTURE(language);
    CHECK_FALSE(speaker.has_voice(language));
    CHECK(engage::kiosk::espeak_voice_for(language).empty());
    speaker.say(text, language);
    REQUIRE(speaker.wait_idle(kGenerousMs));
    CHECK(speaker.last_samples().empty());
    CHECK_THAT(speaker.last_error(), Catch::Contains(language));
}

TEST_CASE("a screen in two languages is read piece by piece, each in its own voice",
          "[media][speech]") {
    using engage::kiosk::SpeechPart;
    Speaker speaker(buffered());
    REQUIRE(speaker.available());
    speaker.say("Give feedback", "en");
    REQUIRE(speaker.wait_idle(kGenerousMs));
    const auto english_only = speaker.last_samples().size();
    REQUIRE(english_only > 0);
    SECTION("a Polish heading and an English question: both are heard") {
        speaker.say(std::vector<SpeechPart>{{"Twoja opinia", "pl"}, {"Give feedback", "en"}});
        REQUIRE(speaker.wait_idle(kGenerousMs));
        CHECK(speaker.last_samples().size() > english_only + english_only / 4);
    }
    SECTION("a Tigrinya part without a voice is left out, the English part is read") {
        speaker.say(std::vector<SpeechPart>{{"ርእይቶ ሀቡ", "ti"}, {"Give feedback", "en"}});
        REQUIRE(speaker.wait_idle(kGenerousMs));
        const auto size = speaker.last_samples().size();
        CHECK(size > english_only / 2);
        CHECK(size < english_only * 2);
        CHECK_THAT(speaker.last_error(), Catch::Contains("ti"));
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

TEST_CASE("numbers in a language's own digits are read as the numbers they are",
          "[media][speech][digits]") {
    Speaker speaker(buffered());
    REQUIRE(speaker.available());
    // "2 of 6" as the question screen shows it, the same with ASCII digits,
    // and the words alone: what espeak-ng's Urdu voice says when given ۲ and
    // ۶ as they are (it skips them).
    auto [language, shown, ascii, words] =
        GENERATE(table<std::string, std::string, std::string, std::string>({
            {"ur", "۶ میں سے ۲", "6 میں سے 2", "میں سے"},
            {"fa", "۲ از ۶", "2 از 6", "از"},
            {"ar", "٢ من ٦", "2 من 6", "من"},
            {"bn", "৬-এর মধ্যে ২", "6-এর মধ্যে 2", "এর মধ্যে"},
        }));
    CAPTURE(language);
    REQUIRE(speaker.has_voice(language));
    auto seconds = [&](const std::string& text) {
        speaker.say(text, language);
        REQUIRE(speaker.wait_idle(kGenerousMs));
        return static_cast<double>(speaker.last_samples().size()) / speaker.sample_rate();
    };
    const double with_ascii = seconds(ascii);
    const double as_shown = seconds(shown);
    const double without_numbers = seconds(words);
    CAPTURE(with_ascii, as_shown, without_numbers);
    // espeak-ng's output differs by a few milliseconds from one call to the
    // next, so lengths are compared, not samples: as long as with ASCII
    // digits, and clearly longer than the words without the two numbers.
    CHECK(std::abs(as_shown - with_ascii) < 0.1 * with_ascii);
    CHECK(as_shown > without_numbers + 0.25);
}
