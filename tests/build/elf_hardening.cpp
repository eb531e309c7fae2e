#include "elf_hardening.hpp"

#include <cstring>
#include <elf.h>
#include <fstream>
#include <iterator>
#include <string_view>
#include <vector>

namespace engage::test {
namespace {

// The whole file in memory: our programs are a few MB, and bounds checks on
// one buffer are simpler than seeking.
std::optional<std::vector<char>> read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

// Copies a T from `offset`, or false when it would run past the end.
template <typename T>
bool read_at(const std::vector<char>& bytes, std::uint64_t offset, T& out) {
    if (offset > bytes.size() || bytes.size() - offset < sizeof(T)) {
        return false;
    }
    std::memcpy(&out, bytes.data() + offset, sizeof(T));
    return true;
}

bool is_fortify_wrapper(std::string_view name) {
    // glibc's fortified entry points: __memcpy_chk, __snprintf_chk,
    // __fprintf_chk, ... (__stack_chk_fail is the stack protector's, not one).
    return name.starts_with("__") && name.ends_with("_chk") && name != "__stack_chk_fail";
}

} // namespace

std::optional<ElfHardening> read_elf_hardening(const std::filesystem::path& file,
                                               std::string& error) {
    const auto bytes = read_all(file);
    if (!bytes) {
        error = "cannot read " + file.string();
        return std::nullopt;
    }
    Elf64_Ehdr eh{};
    if (!read_at(*bytes, 0, eh) || std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
        eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB) {
        error = file.string() + " is not a 64-bit little-endian ELF file";
        return std::nullopt;
    }
    ElfHardening h;
    bool has_interp = false;
    bool has_gnu_stack = false;
    for (std::uint64_t i = 0; i < eh.e_phnum; ++i) {
        Elf64_Phdr ph{};
        if (!read_at(*bytes, eh.e_phoff + i * sizeof(Elf64_Phdr), ph)) {
            error = "program header outside the file";
            return std::nullopt;
        }
        if (ph.p_type == PT_INTERP) {
            has_interp = true;
        } else if (ph.p_type == PT_GNU_RELRO) {
            h.relro = true;
        } else if (ph.p_type == PT_GNU_STACK) {
            has_gnu_stack = true;
            h.stack_executable = (ph.p_flags & PF_X) != 0;
        }
    }
    if (!has_gnu_stack) {
        h.stack_executable = true;
    }
    // A shared library is ET_DYN too; a PIE program also has an interpreter.
    h.pie = eh.e_type == ET_DYN && has_interp;

    // Section headers: the dynamic table and the dynamic symbols.
    std::vector<Elf64_Shdr> sections(eh.e_shnum);
    for (std::uint64_t i = 0; i < eh.e_shnum; ++i) {
        if (!read_at(*bytes, eh.e_shoff + i * sizeof(Elf64_Shdr), sections[i])) {
            error = "section header outside the file";
            return std::nullopt;
        }
    }
    for (const auto& sh : sections) {
        if (sh.sh_type == SHT_DYNAMIC) {
            for (std::uint64_t off = 0; off + sizeof(Elf64_Dyn) <= sh.sh_size;
                 off += sizeof(Elf64_Dyn)) {
                Elf64_Dyn d{};
                if (!read_at(*bytes, sh.sh_offset + off, d)) {
                    error = "dynamic table outside the file";
                    return std::nullopt;
                }
                if (d.d_tag == DT_NULL) {
                    break;
                }
                if (d.d_tag == DT_BIND_NOW ||
                    (d.d_tag == DT_FLAGS && (d.d_un.d_val & DF_BIND_NOW)) ||
                    (d.d_tag == DT_FLAGS_1 && (d.d_un.d_val & DF_1_NOW))) {
                    h.bind_now = true;
                }
            }
        } else if (sh.sh_type == SHT_DYNSYM) {
            if (sh.sh_link >= sections.size()) {
                error = "dynamic symbols without a string table";
                return std::nullopt;
            }
            const auto& strtab = sections[sh.sh_link];
            for (std::uint64_t off = 0; off + sizeof(Elf64_Sym) <= sh.sh_size;
                 off += sizeof(Elf64_Sym)) {
                Elf64_Sym sym{};
                if (!read_at(*bytes, sh.sh_offset + off, sym)) {
                    error = "symbol outside the file";
                    return std::nullopt;
                }
                const auto start = strtab.sh_offset + sym.st_name;
                if (sym.st_name >= strtab.sh_size || start >= bytes->size()) {
                    continue;
                }
                const auto max =
                    std::min<std::uint64_t>(strtab.sh_size - sym.st_name, bytes->size() - start);
                const std::string_view name(bytes->data() + start,
                                            strnlen(bytes->data() + start, max));
                if (name == "__stack_chk_fail") {
                    h.stack_protector = true;
                } else if (is_fortify_wrapper(name)) {
                    ++h.fortified_calls;
                }
            }
        }
    }
    return h;
}

} // namespace engage::test
