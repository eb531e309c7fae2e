#pragma once
// The server's sample content (assets/sample/) as a ContentBundle,
// built through core's real parsers, plus small variations for flow tests.

#include "engage/content.hpp"
#include "engage/date.hpp"
#include "engage/form.hpp"
#include "engage/sealing.hpp"

#include <memory>
#include <string>

namespace engage::test {

// A day on which every sample form is open.
inline const Date sample_day{2026, 11, 23};

// Sample forms, help, "you said, we did" and settings for site "test-site",
// sealed for `key.public_key_b64`. Throws std::runtime_error when a sample
// file is missing or invalid.
ContentBundle sample_bundle(const KeyPair& key);
std::shared_ptr<const ContentBundle> shared(ContentBundle b);
// One form from assets/sample/forms/ (`file`, e.g. "day-centre-food.json"),
// through core's parser. Throws std::runtime_error when missing or invalid.
FormVersion sample_form(const std::string& file);
// Takes `language` out of every form's words (titles, intros, questions,
// answers), as if nobody had translated them yet; help and "you said, we
// did" keep it.
void drop_form_language(ContentBundle& bundle, const std::string& language);

} // namespace engage::test
