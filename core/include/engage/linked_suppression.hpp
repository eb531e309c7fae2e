#pragma once
// Small-number suppression decided jointly over every view the Board can
// open (DESIGN §6 rule 3; the argument is in docs/privacy.md).
//
// A family is a set of "cubes" of leaf counts that share their first
// dimensions (version, site, month) and each have their own answer
// dimension. Every view shows aggregates: for each dimension a coordinate,
// which is a single value or a published group of values (all sites, a
// quarter's three months, all versions, all answers). Two cubes are linked
// when they count the same people: the cubes of one multiple-choice
// question (one per option, plus the people who answered it).
//
// The mechanism hides with BLOCKS. A block is a product set of leaves (a
// set of values per shared dimension, and of answers). An aggregate is
// hidden exactly when it partly overlaps a block that holds someone in its
// cube: then every aggregate still shown either contains the block or
// misses it, so moving people inside a block changes nothing shown, and
// any hidden aggregate can be made larger than k or empty by such moves.
// Blocks are made from every count from 1 to k-1 (and from the answers of
// a small group, so nobody can see that everyone in it said the same) until
// every one of them is protected: a fixed point, not a per-table rule.
//
// Pure and deterministic; no I/O. Thread safety: none needed (values only).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace engage::linked {

// One dimension: `size` values and the coordinates views may name, each a
// sorted set of value indices (singles and groups; never empty).
struct Dimension {
    std::size_t size = 0;
    std::vector<std::vector<std::size_t>> coords;
};

// Aggregates of one cube are numbered in mixed radix over the coordinates
// of the shared dimensions, then the answer dimension (last varies fastest).
struct Family {
    std::vector<Dimension> shared;  // e.g. version, site, month
    std::vector<Dimension> answers; // one per cube
    // Leaf counts per cube, mixed radix over the shared values then the
    // cube's answer values (last fastest). Negative counts are read as 0.
    std::vector<std::vector<std::int64_t>> leaves;
    // True when the family is one cube whose answers split its people (a
    // single-answer question): a block may then span some answers only.
    // False for linked cubes (a multiple-choice question): a block moves
    // whole people, so it spans every answer of every cube.
    bool answers_partition = true;
    // Ask that no small group (an all-answers aggregate from 1 to k-1) shows
    // fewer than two hidden answers, so nobody can tell that everyone in it
    // gave the same answer. Only for a partitioning cube with 2+ answers.
    bool protect_unanimity = true;
    // The order in which a block grows along the shared dimensions (indices
    // into `shared`); it grows along the answers after the first of them.
    // Growing first where the totals are wanted least keeps those shown.
    std::vector<std::size_t> grow_order;
    // A shared dimension that people never cross (the form version: a
    // person answered one version, whose questions another version may not
    // ask), or none. Leave it out of grow_order. A block then moves people
    // only within each of its values: an aggregate is hidden when it meets
    // the block (in the values where its cube has leaves, `fixed_values`)
    // and does not hold all of the block along the OTHER dimensions.
    std::optional<std::size_t> fixed_dim;
    // Per cube, the values of fixed_dim where it has leaves (a question only
    // in some versions); an empty list means all of them.
    std::vector<std::vector<bool>> fixed_values;
    // For linked cubes (answers_partition false): the "same answer" rule per
    // single-answer question counted as cubes, one for the people who
    // answered it and one per answer. Any aggregate of `total` from 1 to k-1
    // gets at least two of its answers hidden (by blocks that hold people
    // who gave them), so nobody can see that everyone in it said the same.
    struct Group {
        std::size_t total = 0;
        std::vector<std::size_t> answers;
    };
    std::vector<Group> unanimity_groups;
};

struct Outcome {
    std::vector<std::vector<std::int64_t>> values; // per cube, per aggregate (exact)
    std::vector<std::vector<bool>> hidden;         // per cube, per aggregate
    std::size_t blocks = 0;                        // how many blocks it took
};

// Number of aggregates of cube `cube`.
std::size_t aggregate_count(const Family& family, std::size_t cube);
// The coordinate index per dimension (shared ones, then the answer) of
// aggregate `index` of cube `cube`.
std::vector<std::size_t> aggregate_coords(const Family& family, std::size_t cube,
                                          std::size_t index);
// The inverse of aggregate_coords.
std::size_t aggregate_index(const Family& family, std::size_t cube,
                            const std::vector<std::size_t>& coords);

// Decides what to hide for threshold `k` (callers pass a policy's k, never
// below limits::min_suppression_k).
Outcome suppress_linked(const Family& family, std::int64_t k);

} // namespace engage::linked
