#include "support/fault_vfs.hpp"

#include <cstring>
#include <sqlite3.h>
#include <stdexcept>

namespace engage::test {

struct FaultVfs::State {
    sqlite3_vfs vfs{};           // what SQLite sees; pAppData points back to the FaultVfs
    sqlite3_vfs* real = nullptr; // the default VFS, which does the work
};

namespace {

// Our file: SQLite allocates szOsFile bytes; the real VFS's file follows ours.
struct FaultFile {
    sqlite3_file base;
    FaultVfs* owner;
    sqlite3_file* real;
};

FaultFile* cast(sqlite3_file* f) {
    return reinterpret_cast<FaultFile*>(f);
}
FaultVfs* owner_of(sqlite3_vfs* vfs) {
    return static_cast<FaultVfs*>(vfs->pAppData);
}

int x_close(sqlite3_file* f) {
    auto* ff = cast(f);
    const int rc = ff->real->pMethods ? ff->real->pMethods->xClose(ff->real) : SQLITE_OK;
    return rc;
}

int x_read(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset) {
    auto* ff = cast(f);
    if (const int code = ff->owner->read_error_.load(); code != 0) {
        ++ff->owner->injected_;
        return code;
    }
    return ff->real->pMethods->xRead(ff->real, buf, amount, offset);
}

int x_write(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset) {
    auto* ff = cast(f);
    FaultVfs& o = *ff->owner;
    if (const int code = o.write_error_.load(); code != 0) {
        ++o.injected_;
        return code;
    }
    if (o.limited_.load()) {
        sqlite3_int64 size = 0;
        if (ff->real->pMethods->xFileSize(ff->real, &size) != SQLITE_OK) {
            size = 0;
        }
        const std::int64_t growth = std::max<std::int64_t>(0, offset + amount - size);
        if (growth > 0) {
            std::int64_t left = o.budget_.load();
            do {
                if (growth > left) {
                    ++o.injected_;
                    return SQLITE_FULL;
                }
            } while (!o.budget_.compare_exchange_weak(left, left - growth));
        }
    }
    return ff->real->pMethods->xWrite(ff->real, buf, amount, offset);
}

int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
    auto* ff = cast(f);
    return ff->real->pMethods->xTruncate(ff->real, size);
}

int x_sync(sqlite3_file* f, int flags) {
    auto* ff = cast(f);
    if (const int code = ff->owner->sync_error_.load(); code != 0) {
        ++ff->owner->injected_;
        return code;
    }
    return ff->real->pMethods->xSync(ff->real, flags);
}

int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
    auto* ff = cast(f);
    return ff->real->pMethods->xFileSize(ff->real, size);
}

int x_lock(sqlite3_file* f, int level) {
    auto* ff = cast(f);
    return ff->real->pMethods->xLock(ff->real, level);
}

int x_unlock(sqlite3_file* f, int level) {
    auto* ff = cast(f);
    return ff->real->pMethods->xUnlock(ff->real, level);
}

int x_check_reserved_lock(sqlite3_file* f, int* out) {
    auto* ff = cast(f);
    return ff->real->pMethods->xCheckReservedLock(ff->real, out);
}

int x_file_control(sqlite3_file* f, int op, void* arg) {
    auto* ff = cast(f);
    return ff->real->pMethods->xFileControl(ff->real, op, arg);
}

int x_sector_size(sqlite3_file* f) {
    auto* ff = cast(f);
    return ff->real->pMethods->xSectorSize(ff->real);
}

int x_device_characteristics(sqlite3_file* f) {
    auto* ff = cast(f);
    return ff->real->pMethods->xDeviceCharacteristics(ff->real);
}

int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    auto* ff = cast(f);
    return ff->real->pMethods->xShmMap(ff->real, page, size, extend, out);
}

int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    auto* ff = cast(f);
    // Unlocking must always work, or SQLite could not clean up after the fault.
    if (const int code = ff->owner->read_error_.load();
        code != 0 && (flags & SQLITE_SHM_LOCK) != 0) {
        ++ff->owner->injected_;
        return code;
    }
    return ff->real->pMethods->xShmLock(ff->real, offset, n, flags);
}

void x_shm_barrier(sqlite3_file* f) {
    auto* ff = cast(f);
    ff->real->pMethods->xShmBarrier(ff->real);
}

int x_shm_unmap(sqlite3_file* f, int delete_flag) {
    auto* ff = cast(f);
    return ff->real->pMethods->xShmUnmap(ff->real, delete_flag);
}

int x_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
    // No memory-mapped reads: every read goes through xRead. (SQLite falls
    // back to xRead when xFetch hands out nothing.)
    (void)f;
    (void)offset;
    (void)amount;
    *out = nullptr;
    return SQLITE_OK;
}

int x_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
    (void)f;
    (void)offset;
    (void)p;
    return SQLITE_OK;
}

const sqlite3_io_methods fault_methods = {
    3,
    x_close,
    x_read,
    x_write,
    x_truncate,
    x_sync,
    x_file_size,
    x_lock,
    x_unlock,
    x_check_reserved_lock,
    x_file_control,
    x_sector_size,
    x_device_characteristics,
    x_shm_map,
    x_shm_lock,
    x_shm_barrier,
    x_shm_unmap,
    x_fetch,
    x_unfetch,
};

int x_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* out_flags) {
    FaultVfs* owner = owner_of(vfs);
    auto* real_vfs = static_cast<sqlite3_vfs*>(sqlite3_vfs_find(nullptr));
    auto* ff = cast(f);
    ff->owner = owner;
    ff->real = reinterpret_cast<sqlite3_file*>(ff + 1);
    ff->real->pMethods = nullptr;
    const int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
    // When the real open failed, SQLite must not call our xClose.
    ff->base.pMethods = ff->real->pMethods ? &fault_methods : nullptr;
    return rc;
}

sqlite3_vfs* real_of(sqlite3_vfs*) {
    return sqlite3_vfs_find(nullptr);
}

int x_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    return real_of(vfs)->xDelete(real_of(vfs), name, sync_dir);
}
int x_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return real_of(vfs)->xAccess(real_of(vfs), name, flags, out);
}
int x_full_pathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
    return real_of(vfs)->xFullPathname(real_of(vfs), name, n, out);
}
void* x_dl_open(sqlite3_vfs* vfs, const char* name) {
    return real_of(vfs)->xDlOpen(real_of(vfs), name);
}
void x_dl_error(sqlite3_vfs* vfs, int n, char* out) {
    real_of(vfs)->xDlError(real_of(vfs), n, out);
}
void (*x_dl_sym(sqlite3_vfs* vfs, void* handle, const char* sym))(void) {
    return real_of(vfs)->xDlSym(real_of(vfs), handle, sym);
}
void x_dl_close(sqlite3_vfs* vfs, void* handle) {
    real_of(vfs)->xDlClose(real_of(vfs), handle);
}
int x_randomness(sqlite3_vfs* vfs, int n, char* out) {
    return real_of(vfs)->xRandomness(real_of(vfs), n, out);
}
int x_sleep(sqlite3_vfs* vfs, int micros) {
    return real_of(vfs)->xSleep(real_of(vfs), micros);
}
int x_current_time(sqlite3_vfs* vfs, double* out) {
    return real_of(vfs)->xCurrentTime(real_of(vfs), out);
}
int x_get_last_error(sqlite3_vfs* vfs, int n, char* out) {
    return real_of(vfs)->xGetLastError(real_of(vfs), n, out);
}
int x_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
    return real_of(vfs)->xCurrentTimeInt64(real_of(vfs), out);
}

} // namespace

FaultVfs::FaultVfs(std::string name) : name_(std::move(name)), state_(std::make_unique<State>()) {
    sqlite3_initialize();
    state_->real = sqlite3_vfs_find(nullptr);
    if (!state_->real) {
        throw std::runtime_error("no default SQLite VFS to wrap");
    }
    sqlite3_vfs& v = state_->vfs;
    v.iVersion = 2; // xCurrentTimeInt64; the syscall hooks of version 3 are not wrapped
    v.szOsFile = static_cast<int>(sizeof(FaultFile)) + state_->real->szOsFile;
    v.mxPathname = state_->real->mxPathname;
    v.zName = name_.c_str();
    v.pAppData = this;
    v.xOpen = x_open;
    v.xDelete = x_delete;
    v.xAccess = x_access;
    v.xFullPathname = x_full_pathname;
    v.xDlOpen = x_dl_open;
    v.xDlError = x_dl_error;
    v.xDlSym = x_dl_sym;
    v.xDlClose = x_dl_close;
    v.xRandomness = x_randomness;
    v.xSleep = x_sleep;
    v.xCurrentTime = x_current_time;
    v.xGetLastError = x_get_last_error;
    v.xCurrentTimeInt64 = x_current_time_int64;
    if (sqlite3_vfs_register(&v, 0) != SQLITE_OK) {
        throw std::runtime_error("cannot register the fault VFS");
    }
}

FaultVfs::~FaultVfs() {
    sqlite3_vfs_unregister(&state_->vfs);
}

} // namespace engage::test
