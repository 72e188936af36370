// Small RAII owners for COM references, BSTRs and SAFEARRAYs, so that every early return still
// releases, frees or destroys exactly what the MBN reference (§3, §5.4) says the caller owns.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "mbn_api.h"

namespace mbn {

// An owned COM reference: Release() on destruction, never AddRef'd implicitly.
template <typename T>
class ComPtr {
 public:
  ComPtr() = default;
  ComPtr(const ComPtr&) = delete;
  ComPtr& operator=(const ComPtr&) = delete;
  ComPtr(ComPtr&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
  ComPtr& operator=(ComPtr&& other) noexcept {
    if (this != &other) {
      Reset();
      p_ = std::exchange(other.p_, nullptr);
    }
    return *this;
  }
  ~ComPtr() { Reset(); }

  // Takes an extra reference to a borrowed pointer (an [in] parameter, for example).
  static ComPtr Retain(T* p) {
    ComPtr c;
    if (p) p->AddRef();
    c.p_ = p;
    return c;
  }

  T* Get() const { return p_; }
  T* operator->() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }
  // For [out] parameters: releases what was held first so nothing leaks on reuse.
  T** Put() {
    Reset();
    return &p_;
  }
  void** PutVoid() { return reinterpret_cast<void**>(Put()); }
  void Reset() {
    if (p_) std::exchange(p_, nullptr)->Release();
  }

 private:
  T* p_ = nullptr;
};

// An owned BSTR, freed with SysFreeString.
class Bstr {
 public:
  Bstr() = default;
  explicit Bstr(const std::u16string& s)
      : b_(SysAllocStringLen(reinterpret_cast<const OLECHAR*>(s.data()),
                             static_cast<UINT>(s.size()))) {}
  Bstr(const Bstr&) = delete;
  Bstr& operator=(const Bstr&) = delete;
  ~Bstr() { SysFreeString(b_); }
  BSTR Get() const { return b_; }
  BSTR* Put() {
    SysFreeString(b_);
    b_ = nullptr;
    return &b_;
  }
  std::u16string Str() const { return ToU16(b_); }

  static std::u16string ToU16(BSTR b) {
    if (!b) return {};
    return std::u16string(reinterpret_cast<const char16_t*>(b), SysStringLen(b));
  }

 private:
  BSTR b_ = nullptr;
};

// Takes ownership of a BSTR field (in a struct the callee filled) and frees it now, leaving NULL
// behind so a later record-aware SafeArrayDestroy cannot free it a second time.
inline std::u16string TakeBstr(BSTR& field) {
  std::u16string s = Bstr::ToU16(field);
  SysFreeString(field);
  field = nullptr;
  return s;
}

// A SAFEARRAY's data, locked (SafeArrayAccessData) for this scope and unlocked however the scope
// ends: a push_back's bad_alloc between the two left an array locked, and a locked array's
// SafeArrayDestroy fails (DISP_E_ARRAYISLOCKED), leaking it and every element it holds.
class SafeArrayData {
 public:
  explicit SafeArrayData(SAFEARRAY* array) : a_(array) { hr_ = SafeArrayAccessData(a_, &data_); }
  SafeArrayData(const SafeArrayData&) = delete;
  SafeArrayData& operator=(const SafeArrayData&) = delete;
  ~SafeArrayData() {
    if (SUCCEEDED(hr_)) SafeArrayUnaccessData(a_);
  }
  HRESULT hr() const { return hr_; }
  void* get() const { return data_; }

 private:
  SAFEARRAY* a_;
  void* data_ = nullptr;
  HRESULT hr_ = E_UNEXPECTED;
};

// An owned SAFEARRAY, destroyed with SafeArrayDestroy.
class SafeArray {
 public:
  SafeArray() = default;
  SafeArray(const SafeArray&) = delete;
  SafeArray& operator=(const SafeArray&) = delete;
  ~SafeArray() {
    if (a_) SafeArrayDestroy(a_);
  }
  SAFEARRAY* Get() const { return a_; }
  SAFEARRAY** Put() {
    if (a_) SafeArrayDestroy(a_);
    a_ = nullptr;
    return &a_;
  }

  // A 1-D SAFEARRAY(VT_UI1) holding a copy of the bytes, as WriteData expects.
  static HRESULT FromBytes(const std::vector<uint8_t>& bytes, SafeArray* out);

 private:
  SAFEARRAY* a_ = nullptr;
};

// Copies the bytes of a 1-D byte SAFEARRAY whatever its lower bound (the reference warns bounds
// may be negative). The array stays the caller's: nothing is destroyed here.
HRESULT CopyBytes(SAFEARRAY* array, std::vector<uint8_t>* out);

// The element count of a 1-D SAFEARRAY, from its bounds.
HRESULT ElementCount(SAFEARRAY* array, LONG* count);

// The element count of a 1-D SAFEARRAY of interface pointers (VT_UNKNOWN or VT_DISPATCH), as
// GetInterfaces answers; DISP_E_BADVARTYPE for any other element type, whose elements must never
// be called through (8-byte numbers are the size of a pointer too).
HRESULT InterfaceCount(SAFEARRAY* array, LONG* count);

// Brace- and case-insensitive comparison of service IDs: Windows' format is undocumented.
bool SameServiceId(const std::u16string& a, const std::u16string& b);

}  // namespace mbn
