// The MBN work itself. Every method but Shutdown() runs on the COM thread and only there. It keeps
// the two manager objects and the subscriptions; functional objects (interfaces, contexts) are
// fetched afresh for each call and released at once, as the reference's best practices ask,
// because their synchronous getters go stale. The exception is the device service: a session is
// a property of the IMbnDeviceService object that opened it (reference §3.5, §5.2: GetDeviceService
// "can", not "will", hand back the same object), so one context and one service object per
// (interface, service) are kept from first use until the device leaves a listing, the service is
// lost or the client closes, and every call and session query of that service goes through them.
// Service objects are also kept by the ID cache, for their (immutable) IDs only.
//
// Shutdown() may also run on the stop watchdog's thread while the COM thread is stuck in a hung
// call, so the members it drops are guarded by a mutex; every other method takes its own
// references to the managers under that mutex and calls them outside it.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "com_util.h"
#include "emitter.h"
#include "messages.h"
#include "service_ids.h"

namespace mbn {

struct SinkContext;

// HRESULTs meaning the MBN service (its process) is gone, rather than that one call failed.
bool IsServiceGone(HRESULT hr);

class Core {
 public:
  Core(std::shared_ptr<Emitter> emitter, std::shared_ptr<ServiceIdCache> ids)
      : emitter_(std::move(emitter)), ids_(std::move(ids)) {}
  Core(const Core&) = delete;
  Core& operator=(const Core&) = delete;

  // The sinks' shared context; set once by the Client before the first Start().
  void SetSinkContext(std::shared_ptr<SinkContext> context) { sinkContext_ = std::move(context); }

  StartResult Start();
  InterfacesResult ListInterfaces();
  ServicesResult ListServices(const std::u16string& interfaceId);
  // Any IMbnDeviceService call; `commandId` and `data` are used by QueryCommand/SetCommand
  // (`data` by WriteData too), which get them as a fresh [in] SAFEARRAY destroyed after the call.
  CallResult Call(Op op, const std::u16string& interfaceId, const std::u16string& serviceId,
                  uint32_t commandId, const std::vector<uint8_t>& data);
  // get_IsCommandSessionOpen (`command`) or get_IsDataSessionOpen.
  CallResult IsSessionOpen(const std::u16string& interfaceId, const std::u16string& serviceId,
                           bool command);
  // Enumerates every device's services so the ID cache knows their objects (sinks ask it).
  void PrimeServices();
  // After IMbnInterfaceEvents or an arrival/removal: lists the interfaces afresh and sends what
  // changed. `reason` is "ready-state", "capability", "arrival" or "removal".
  void RefreshInterfaces(const char* reason);

  // An event whose service object the ID cache did not know (the sink held a reference under
  // `token`, DeviceServicesSink::Post): asks the object its IDs here, on the COM thread and
  // outside any callback, remembers them, and sends the event. `key` is the object, for
  // bookkeeping only (its reference is the one `token` gives).
  void SendNamed(uint64_t token, IMbnDeviceService* key, Event event);

  // The device `interfaceId` went away: releases its held service objects held up to `mark` (a
  // value of HoldCounter() read when the removal was reported), not those held since.
  void ForgetServices(const std::u16string& interfaceId, uint64_t mark);
  // Counts every service object held; any thread may read it.
  std::shared_ptr<std::atomic<uint64_t>> HoldCounter() const { return holds_; }

  // Unadvises every sink and releases everything. Idempotent; any MTA thread. `final` refuses any
  // later Start() (the client is closing). `keepServices` (a Start() that replaces a working
  // connection) keeps the held device services, and with them their open sessions.
  void Shutdown(bool final, bool keepServices = false);

 private:
  struct Subscription {
    ComPtr<IConnectionPoint> point;
    DWORD cookie = 0;
  };
  struct Managers {
    ComPtr<IMbnInterfaceManager> interfaces;
    ComPtr<IMbnDeviceServicesManager> services;
  };
  // One device service's objects, kept from first use (see the top of this file).
  struct HeldService {
    std::u16string interfaceId, serviceId;  // serviceId as the device spells it
    ComPtr<IMbnDeviceServicesContext> context;
    ComPtr<IMbnDeviceService> service;
    uint64_t seq = 0;  // *holds_ when it was held
  };
  Managers Take();
  // The held object of a service (any brace/case form of its ID), or null.
  ComPtr<IMbnDeviceService> Held(const std::u16string& interfaceId,
                                 const std::u16string& serviceId);
  // Keeps `service` (got from `context`) as that service's object, unless one is held already;
  // either way *service becomes the held one.
  void Hold(const std::u16string& interfaceId, const std::u16string& serviceId,
            IMbnDeviceServicesContext* context, ComPtr<IMbnDeviceService>* service);
  // Releases the held services of every interface not in `present`.
  void DropHeldExcept(const std::vector<std::u16string>& present);
  // Resolves interface + service ID to the service's held IMbnDeviceService (got and held on
  // first use); on failure the result says at which step (no such interface, no such service,
  // GetDeviceService failed).
  CallResult FindService(const std::u16string& interfaceId, const std::u16string& serviceId,
                         ComPtr<IMbnDeviceService>* out);
  // Every HRESULT from the service passes here: if it says the service is gone, every object is
  // dropped and JS is told, once.
  HRESULT Note(HRESULT hr, const char* step);
  // Why calls cannot reach the service now: the HRESULT that lost it, else `otherwise`.
  HRESULT Lost(HRESULT otherwise);

  std::shared_ptr<Emitter> emitter_;
  std::shared_ptr<ServiceIdCache> ids_;
  std::shared_ptr<SinkContext> sinkContext_;

  std::mutex shutdownMutex_;  // one Shutdown at a time: a second one waits for the first to end
  std::mutex mutex_;  // guards everything below
  ComPtr<IMbnInterfaceManager> interfaces_;
  ComPtr<IMbnDeviceServicesManager> services_;
  std::vector<Subscription> subscriptions_;
  std::vector<HeldService> held_;
  const std::shared_ptr<std::atomic<uint64_t>> holds_ = std::make_shared<std::atomic<uint64_t>>(0);
  bool final_ = false;
  HRESULT lost_ = S_OK;  // why the service was dropped, until the next successful Start()
  std::vector<std::u16string> knownInterfaces_;  // COM thread only
};

}  // namespace mbn
