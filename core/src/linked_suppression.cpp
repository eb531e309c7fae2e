#include "engage/linked_suppression.hpp"

#include <algorithm>
#include <optional>

namespace engage::linked {
namespace {

// One block: which values of each shared dimension, and which answers of
// each cube, it holds.
struct Block {
    std::vector<std::vector<bool>> shared;
    std::vector<std::vector<bool>> answers;
};

std::vector<std::size_t> members(const std::vector<bool>& in) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i]) {
            out.push_back(i);
        }
    }
    return out;
}

// Sum of the leaves of `cube` in the product of `sets` (shared dims, then answers).
std::int64_t sum_product(const Family& f, std::size_t cube,
                         const std::vector<std::vector<std::size_t>>& sets) {
    const std::size_t dims = sets.size();
    for (const auto& s : sets) {
        if (s.empty()) {
            return 0;
        }
    }
    std::vector<std::size_t> pos(dims, 0);
    std::int64_t total = 0;
    const auto& leaves = f.leaves[cube];
    while (true) {
        std::size_t index = 0;
        for (std::size_t d = 0; d < dims; ++d) {
            const std::size_t size = d + 1 < dims ? f.shared[d].size : f.answers[cube].size;
            index = index * size + sets[d][pos[d]];
        }
        if (index < leaves.size()) {
            total += std::max<std::int64_t>(leaves[index], 0);
        }
        std::size_t d = dims;
        while (d > 0) {
            --d;
            if (++pos[d] < sets[d].size()) {
                break;
            }
            pos[d] = 0;
            if (d == 0) {
                return total;
            }
        }
    }
}

std::int64_t block_sum(const Family& f, const Block& b, std::size_t cube) {
    std::vector<std::vector<std::size_t>> sets;
    for (const auto& s : b.shared) {
        sets.push_back(members(s));
    }
    sets.push_back(members(b.answers[cube]));
    return sum_product(f, cube, sets);
}

const Dimension& dim_of(const Family& f, std::size_t cube, std::size_t d) {
    return d < f.shared.size() ? f.shared[d] : f.answers[cube];
}

class Solver {
public:
    Solver(const Family& f, std::int64_t k) : f_(f), k_(k) {
        const std::size_t cubes = f.answers.size();
        out_.values.resize(cubes);
        out_.hidden.resize(cubes);
        covered_.resize(cubes);
        for (std::size_t c = 0; c < cubes; ++c) {
            const std::size_t n = aggregate_count(f, c);
            out_.values[c].resize(n);
            out_.hidden[c].assign(n, false);
            covered_[c].assign(n, false);
            for (std::size_t i = 0; i < n; ++i) {
                const auto coords = aggregate_coords(f, c, i);
                std::vector<std::vector<std::size_t>> sets;
                for (std::size_t d = 0; d < coords.size(); ++d) {
                    sets.push_back(dim_of(f, c, d).coords[coords[d]]);
                }
                out_.values[c][i] = sum_product(f, c, sets);
            }
        }
    }

    Outcome run() {
        // Seeds: every small count, finest first (their blocks often cover
        // the coarser ones), then smallest first.
        struct Seed {
            std::size_t cube, index, width;
            std::int64_t value;
        };
        std::vector<Seed> seeds;
        for (std::size_t c = 0; c < out_.values.size(); ++c) {
            for (std::size_t i = 0; i < out_.values[c].size(); ++i) {
                const auto v = out_.values[c][i];
                if (v >= 1 && v < k_) {
                    seeds.push_back({c, i, width(c, i), v});
                }
            }
        }
        std::stable_sort(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) {
            return a.width != b.width ? a.width < b.width : a.value < b.value;
        });
        for (const auto& s : seeds) {
            if (!covered_[s.cube][s.index] && !protect(s.cube, s.index)) {
                return everything_hidden();
            }
        }
        if (f_.answers_partition && f_.protect_unanimity && f_.answers.size() == 1 &&
            f_.answers[0].size >= 2) {
            bool changed = true;
            while (changed) {
                changed = false;
                for (std::size_t i = 0; i < out_.values[0].size(); ++i) {
                    const auto sibling = unprotected_unanimity(i);
                    if (sibling) {
                        // A block that hides nothing would loop for ever.
                        if (!protect(0, *sibling) || !out_.hidden[0][*sibling]) {
                            return everything_hidden();
                        }
                        changed = true;
                    }
                }
            }
        }
        if (!f_.answers_partition && !protect_groups()) {
            return everything_hidden();
        }
        return std::move(out_);
    }

private:
    // The "same answer" rule for linked cubes; false when it cannot be met.
    bool protect_groups() {
        bool changed = true;
        while (changed) {
            changed = false;
            for (const auto& g : f_.unanimity_groups) {
                if (g.answers.size() < 2) {
                    continue;
                }
                // Linked cubes share their dimensions and have one answer
                // coordinate each, so an aggregate has the same index in all.
                for (std::size_t i = 0; i < out_.values[g.total].size(); ++i) {
                    const auto v = out_.values[g.total][i];
                    if (v < 1 || v >= k_) {
                        continue;
                    }
                    std::size_t hidden = 0;
                    for (const auto a : g.answers) {
                        hidden += out_.hidden[a][i] ? 1 : 0;
                    }
                    if (hidden >= 2) {
                        continue;
                    }
                    // A block for a shown answer, one at a time until one
                    // is hidden (an answer nobody gave anywhere cannot be).
                    bool done = false;
                    for (const auto a : g.answers) {
                        if (out_.hidden[a][i]) {
                            continue;
                        }
                        if (protect(a, i) && out_.hidden[a][i]) {
                            done = true;
                            break;
                        }
                    }
                    if (!done) {
                        return false;
                    }
                    changed = true;
                }
            }
        }
        return true;
    }

    std::size_t width(std::size_t cube, std::size_t index) const {
        const auto coords = aggregate_coords(f_, cube, index);
        std::size_t w = 1;
        for (std::size_t d = 0; d < coords.size(); ++d) {
            w *= dim_of(f_, cube, d).coords[coords[d]].size();
        }
        return w;
    }

    // For a small group (all answers, 1..k-1) with fewer than two hidden
    // single answers: a shown single answer to hide next.
    std::optional<std::size_t> unprotected_unanimity(std::size_t index) const {
        const auto v = out_.values[0][index];
        if (v < 1 || v >= k_) {
            return std::nullopt;
        }
        auto coords = aggregate_coords(f_, 0, index);
        const auto& answer_dim = f_.answers[0];
        if (answer_dim.coords[coords.back()].size() != answer_dim.size) {
            return std::nullopt;
        }
        int hidden = 0;
        std::optional<std::size_t> shown;
        for (std::size_t a = 0; a < answer_dim.coords.size(); ++a) {
            if (answer_dim.coords[a].size() != 1) {
                continue;
            }
            coords.back() = a;
            const auto i = aggregate_index(f_, 0, coords);
            if (out_.hidden[0][i]) {
                ++hidden;
            } else if (!shown) {
                shown = i;
            }
        }
        return hidden >= 2 ? std::nullopt : shown;
    }

    // Makes a block that protects aggregate `index` of `cube`: it starts as
    // the aggregate's own leaves and grows until it holds at least k people
    // of that cube (or cannot grow further). False when no block can even
    // partly overlap it (it is everything there is).
    bool protect(std::size_t cube, std::size_t index) {
        const auto coords = aggregate_coords(f_, cube, index);
        Block b;
        for (std::size_t d = 0; d < f_.shared.size(); ++d) {
            std::vector<bool> in(f_.shared[d].size, false);
            for (auto v : f_.shared[d].coords[coords[d]]) {
                in[v] = true;
            }
            b.shared.push_back(std::move(in));
        }
        for (std::size_t c = 0; c < f_.answers.size(); ++c) {
            std::vector<bool> in(f_.answers[c].size, !f_.answers_partition);
            if (f_.answers_partition && c == cube) {
                for (auto v : f_.answers[c].coords[coords.back()]) {
                    in[v] = true;
                }
            }
            b.answers.push_back(std::move(in));
        }
        // Growth order: the first shared dimension, the answers (when a
        // block may hold some answers only), then the other shared ones.
        std::vector<std::size_t> order;
        const std::size_t answer_dim = f_.shared.size();
        for (std::size_t i = 0; i < f_.grow_order.size(); ++i) {
            order.push_back(f_.grow_order[i]);
            if (i == 0 && f_.answers_partition) {
                order.push_back(answer_dim);
            }
        }
        bool grown = false;
        std::int64_t sum = block_sum(f_, b, cube);
        for (auto d : order) {
            if (grown && sum >= k_) {
                break;
            }
            auto& in = d == answer_dim ? b.answers[cube] : b.shared[d];
            const auto& dim = dim_of(f_, cube, d);
            // Values inside the smallest group that holds the block's values
            // come first (a quarter's other months keep the quarter shown).
            const auto held = members(in);
            std::vector<bool> preferred(in.size(), false);
            std::size_t best = dim.size + 1;
            for (const auto& coord : dim.coords) {
                const bool superset =
                    coord.size() > held.size() &&
                    std::includes(coord.begin(), coord.end(), held.begin(), held.end());
                if (superset && coord.size() < best) {
                    best = coord.size();
                    std::fill(preferred.begin(), preferred.end(), false);
                    for (auto v : coord) {
                        preferred[v] = true;
                    }
                }
            }
            struct Candidate {
                std::size_t value;
                bool preferred;
                std::int64_t adds;
            };
            std::vector<Candidate> candidates;
            for (std::size_t v = 0; v < in.size(); ++v) {
                if (in[v]) {
                    continue;
                }
                Block probe = b;
                auto& probe_in = d == answer_dim ? probe.answers[cube] : probe.shared[d];
                std::fill(probe_in.begin(), probe_in.end(), false);
                probe_in[v] = true;
                candidates.push_back({v, preferred[v], block_sum(f_, probe, cube)});
            }
            // Preferred first, then the largest: fewer values touched.
            std::stable_sort(candidates.begin(), candidates.end(),
                             [](const Candidate& x, const Candidate& y) {
                                 if (x.preferred != y.preferred) {
                                     return x.preferred;
                                 }
                                 return x.adds > y.adds;
                             });
            for (const auto& cand : candidates) {
                if (grown && sum >= k_) {
                    break;
                }
                in[cand.value] = true;
                sum += cand.adds;
                grown = true;
            }
        }
        if (!grown) {
            return false;
        }
        add(b);
        return true;
    }

    // Hides every aggregate that partly overlaps `b`, in each cube where
    // the block holds someone.
    void add(const Block& b) {
        ++out_.blocks;
        const std::size_t fixed = f_.fixed_dim.value_or(f_.shared.size() + 1);
        for (std::size_t c = 0; c < f_.answers.size(); ++c) {
            // The block as this cube sees it: along the fixed dimension,
            // only the values where the cube has leaves.
            Block seen = b;
            if (fixed < f_.shared.size() && c < f_.fixed_values.size() &&
                !f_.fixed_values[c].empty()) {
                for (std::size_t v = 0; v < seen.shared[fixed].size(); ++v) {
                    seen.shared[fixed][v] = seen.shared[fixed][v] && f_.fixed_values[c][v];
                }
            }
            const std::int64_t sum = block_sum(f_, seen, c);
            if (sum <= 0) {
                continue; // moving nobody changes nothing in this cube
            }
            // People the block holds per value of the fixed dimension: they
            // can only be moved within it.
            std::vector<std::int64_t> per_fixed;
            if (fixed < f_.shared.size()) {
                for (std::size_t v = 0; v < f_.shared[fixed].size; ++v) {
                    Block one = seen;
                    std::fill(one.shared[fixed].begin(), one.shared[fixed].end(), false);
                    one.shared[fixed][v] = seen.shared[fixed][v];
                    per_fixed.push_back(seen.shared[fixed][v] ? block_sum(f_, one, c) : 0);
                }
            }
            // Per dimension and coordinate: how many of its values the block holds.
            const std::size_t dims = f_.shared.size() + 1;
            std::vector<std::vector<std::size_t>> overlap(dims);
            std::vector<std::vector<std::size_t>> usable(dims); // values with leaves
            std::vector<std::size_t> block_size(dims, 0);
            for (std::size_t d = 0; d < dims; ++d) {
                const auto& in = d + 1 < dims ? seen.shared[d] : seen.answers[c];
                block_size[d] = static_cast<std::size_t>(std::count(in.begin(), in.end(), true));
                for (const auto& coord : dim_of(f_, c, d).coords) {
                    std::size_t n = 0;
                    std::size_t u = 0;
                    for (auto v : coord) {
                        n += in[v] ? 1 : 0;
                        u += d == fixed && c < f_.fixed_values.size() &&
                                     !f_.fixed_values[c].empty() && !f_.fixed_values[c][v]
                                 ? 0
                                 : 1;
                    }
                    overlap[d].push_back(n);
                    usable[d].push_back(u);
                }
            }
            for (std::size_t i = 0; i < out_.values[c].size(); ++i) {
                const auto coords = aggregate_coords(f_, c, i);
                bool meets = true;
                bool holds_block = true;
                bool inside_block = true;
                for (std::size_t d = 0; d < dims; ++d) {
                    const auto n = overlap[d][coords[d]];
                    meets = meets && n > 0;
                    if (d != fixed) {
                        holds_block = holds_block && n == block_size[d];
                    }
                    inside_block = inside_block && n == usable[d][coords[d]];
                }
                if (!meets || holds_block) {
                    continue;
                }
                // Can be taken to k or more (every person of the block in
                // its own versions moved into it) or to 0 (all its people
                // moved out: it is inside the block). Nobody of the block in
                // its versions: no move changes it, so it need not hide.
                std::int64_t reachable = sum;
                if (fixed < f_.shared.size()) {
                    reachable = 0;
                    for (auto v : dim_of(f_, c, fixed).coords[coords[fixed]]) {
                        reachable += per_fixed[v];
                    }
                }
                if (reachable <= 0) {
                    continue;
                }
                out_.hidden[c][i] = true;
                if (reachable >= k_ || inside_block) {
                    covered_[c][i] = true;
                }
            }
        }
    }

    Outcome everything_hidden() {
        for (auto& h : out_.hidden) {
            std::fill(h.begin(), h.end(), true);
        }
        return std::move(out_);
    }

    const Family& f_;
    std::int64_t k_;
    Outcome out_;
    // Hidden by a block that can take it to 0 or to k or more: a small
    // count needs no block of its own then.
    std::vector<std::vector<bool>> covered_;
};

} // namespace

std::size_t aggregate_count(const Family& family, std::size_t cube) {
    std::size_t n = family.answers[cube].coords.size();
    for (const auto& d : family.shared) {
        n *= d.coords.size();
    }
    return n;
}

std::vector<std::size_t> aggregate_coords(const Family& family, std::size_t cube,
                                          std::size_t index) {
    const std::size_t dims = family.shared.size() + 1;
    std::vector<std::size_t> coords(dims, 0);
    for (std::size_t d = dims; d > 0; --d) {
        const std::size_t n = dim_of(family, cube, d - 1).coords.size();
        coords[d - 1] = index % n;
        index /= n;
    }
    return coords;
}

std::size_t aggregate_index(const Family& family, std::size_t cube,
                            const std::vector<std::size_t>& coords) {
    std::size_t index = 0;
    for (std::size_t d = 0; d < coords.size(); ++d) {
        index = index * dim_of(family, cube, d).coords.size() + coords[d];
    }
    return index;
}

Outcome suppress_linked(const Family& family, std::int64_t k) {
    return Solver(family, k).run();
}

} // namespace engage::linked
