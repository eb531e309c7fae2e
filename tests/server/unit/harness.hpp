#pragma once
// A whole server minus the sockets: a store (SQLite on a temp dir, or
// PostgreSQL on the private cluster: store_engines.hpp) with the sample
// content and a coordinators' keyring locked under `passphrase`, the content cache, token cache,
// writer and services, with a fixed date and clock. Requests go through api::handle().

#include "api/router.hpp"
#include "api/services.hpp"
#include "store_engines.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace engage::test {

struct Harness {
    // `vfs`: a registered SQLite VFS for the store (fault injection), or null.
    explicit Harness(const char* vfs = nullptr) : Harness(Engine::sqlite, vfs) {}
    explicit Harness(Engine engine, const char* vfs = nullptr);
    ~Harness();

    // POST with a JSON body (and the kiosk's token when `token` is not empty).
    api::Response post(std::string_view path, const std::string& body,
                       const std::string& token = {});
    api::Response get(std::string_view path, const std::string& token = {},
                      const std::string& if_none_match = {});
    // Makes a code for `site` and enrols with it; returns the token.
    std::string enrol(const std::string& site = "north-hub");
    // Counts rows of a table through a separate connection.
    long long count(const std::string& table);

    EngineStore data;
    store::Store* store = nullptr; // data's store
    std::unique_ptr<content::ContentCache> content;
    std::unique_ptr<api::KioskAuth> kiosks;
    std::unique_ptr<store::Writer> writer;
    std::unique_ptr<api::Services> services;
    static constexpr std::string_view passphrase = "harness passphrase";
    Date today{2026, 11, 23};
    std::int64_t now = 1'790'000'000;
};

} // namespace engage::test
