#pragma once
// Script fragments for the headless kiosk (commands: kiosk/script/), by
// widget id so they do not depend on wording. Each visit starts and ends on
// the attract screen.

namespace engage::test {

// Feedback with every question type; the six "About you" questions are skipped.
inline constexpr const char* feedback_visit = R"(
tap attract.start
language en
tap home.feedback
tap intro.start
tap answer.visit.4
tap nav.next
tap answer.safe.yes
tap nav.next
tap answer.trust.yes
tap nav.next
tap answer.helped.food
tap answer.helped.warm
tap nav.next
type Warm place and kind staff
tap nav.next
tap nav.skip
tap nav.skip
tap nav.skip
tap nav.skip
tap nav.skip
tap nav.skip
tap review.send
tap thanks.finish
)";

// The Experts by Experience Board's winter poll.
inline constexpr const char* poll_visit = R"(
tap attract.start
language en
tap home.poll
tap intro.start
tap answer.open-earlier.yes
tap nav.next
tap answer.winter-needs.coats
tap answer.winter-needs.hot-food
tap nav.next
tap review.send
tap thanks.finish
)";

// A peer-mentor sign-up; the name is what the tests look for on disk.
inline constexpr const char* signup_name = "Zbyszek Unforgettable";
inline constexpr const char* signup_visit = R"(
tap attract.start
language en
tap home.mentoring
tap intro.start
tap answer.want.find-mentor
tap nav.next
type Zbyszek Unforgettable
tap nav.next
tap answer.contact.ask-here
tap nav.next
tap nav.skip
tap answer.times.evenings
tap nav.next
tap review.send
tap consent.yes
tap thanks.finish
)";

} // namespace engage::test
