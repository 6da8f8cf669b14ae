/* Pacing under RunCloud's rate limit (60 calls a minute per account), from what each answer reports:
 * X-RateLimit-Limit, X-RateLimit-Remaining, and Retry-After on a 429.
 *
 * Several PHP workers (and web nodes) may spend the same budget, and none of them sees the others. What each
 * does see is how fast `remaining` falls between its own answers: alone it falls by one per answer, with
 * N busy processes by about N. So, near the end of the budget, each process spaces its starts by N times
 * the sustainable interval (a minute / limit), which keeps them together at the limit's rate instead of
 * racing into 429. Once a 429 says when the budget comes back (Retry-After), nothing starts before then.
 * A 429 that still happens costs nothing (RunCloud does not count it, nor act on it): api.cpp retries it
 * as long as the call's timeout allows. */
#include "http.h"

#include <algorithm>
#include <cmath>

namespace runcloud {

namespace {

constexpr double kWindowSeconds = 60;  // RunCloud's published window
constexpr double kWeight = 0.25;       // of each new sample in the estimate of `consumers`
constexpr double kMaxConsumers = 64;

}  // namespace

void RateState::seen(const Exchange &ex, Clock::time_point now) {
    if (ex.status <= 0) return;  // no answer: nothing was said
    if (ex.rate_limit > 0 && ex.rate_limit != limit) {
        // A new limit (or a header that changes it back and forth) says nothing about anyone's pace.
        limit = ex.rate_limit;
        remaining = -1;
        consumers = 1;
    }
    // A remaining above the limit contradicts it; unreadable values (non-numeric) come as -1 already.
    long r = ex.rate_remaining >= 0 && (limit <= 0 || ex.rate_remaining <= limit) ? ex.rate_remaining : -1;
    said_remaining = r;
    if (ex.status == 429) {
        remaining = 0;
        // Without a readable Retry-After the session is not held: the call's own backoff spaces its retry.
        if (ex.retry_after >= 0) reset_at = std::max(reset_at, now + std::chrono::seconds(ex.retry_after));
        return;
    }
    if (r < 0) return;
    if (remaining >= 0 && limit > 0) {
        long drop = remaining - r;
        double usual = kWindowSeconds / static_cast<double>(limit) * std::max(1.0, consumers);
        if (drop < 0) {
            // A rise is a new window, which began after the answer before it (last_seen). Windows are a
            // minute apart, so a rise that comes less than a minute after the answer before the previous
            // rise contradicts it (a jittery header, answers of different counters): nothing is estimated
            // from the figures for a minute, and what was estimated goes.
            auto window = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(kWindowSeconds));
            if (rise_from != Clock::time_point{} && now - rise_from < window) {
                distrust_until = now + window;
                consumers = 1;
            }
            rise_from = last_seen;
        } else if (now >= distrust_until) {
            // A long pause says nothing about anyone's pace. A sample may at most double the estimate (plus
            // one): N busy processes are learnt within a few answers, one odd figure does not hold every
            // start for a minute.
            double gap = std::chrono::duration<double>(now - last_seen).count();
            if (gap <= std::max(2.0, 3 * usual)) {
                double sample = std::min({kMaxConsumers, static_cast<double>(drop), 2 * consumers + 1});
                consumers = (1 - kWeight) * consumers + kWeight * sample;
            }
        }
    }
    remaining = r;
    last_seen = now;
    if (r > 0) reset_at = Clock::time_point{};
}

bool RateState::pacing(int running) const {
    if (limit <= 0 || remaining < 0) return false;
    double share = std::max(1.0, consumers);
    long reserve = static_cast<long>(std::ceil(static_cast<double>(std::max(1L, limit / 20)) * share));
    return remaining - running <= reserve;
}

Clock::time_point RateState::held_until(int running) const {
    return remaining >= 0 && remaining <= running ? reset_at : Clock::time_point{};
}

Clock::time_point RateState::next_start(int running, Clock::time_point now, Clock::time_point deadline) const {
    if (held_until(running) > now) return reset_at;
    if (!pacing(running)) return Clock::time_point{};
    double share = std::max(1.0, consumers);
    auto spacing = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(kWindowSeconds / static_cast<double>(limit) * share));
    auto at = last_start + spacing;
    // Pacing never fails a call: a start it would hold past the call's deadline goes now (a 429 it may
    // meet costs nothing, and its Retry-After then holds the session for certain).
    return at >= deadline ? now : at;
}

}  // namespace runcloud
