// The MBN work itself. Every method runs on the COM thread and only there. It keeps the two
// manager objects and the subscriptions; functional objects (interfaces, contexts, services) are
// fetched afresh for each call and released at once, as the reference's best practices ask,
// because their synchronous getters go stale.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "com_util.h"
#include "emitter.h"
#include "messages.h"

namespace mbn {

class Core {
 public:
  explicit Core(std::shared_ptr<Emitter> emitter) : emitter_(std::move(emitter)) {}
  Core(const Core&) = delete;
  Core& operator=(const Core&) = delete;

  StartResult Start();
  InterfacesResult ListInterfaces();
  ServicesResult ListServices(const std::u16string& interfaceId);
  CallResult Call(Op op, const std::u16string& interfaceId, const std::u16string& serviceId,
                  const std::vector<uint8_t>& data);
  CallResult IsDataSessionOpen(const std::u16string& interfaceId,
                               const std::u16string& serviceId);
  // Unadvises both sinks and releases everything. Safe to call more than once.
  void Shutdown();

 private:
  // Resolves interface + service ID to a fresh IMbnDeviceService; on failure the result says at
  // which step (no such interface, no such service, GetDeviceService failed).
  CallResult FindService(const std::u16string& interfaceId, const std::u16string& serviceId,
                         ComPtr<IMbnDeviceService>* out);

  std::shared_ptr<Emitter> emitter_;
  ComPtr<IMbnInterfaceManager> interfaces_;
  ComPtr<IMbnDeviceServicesManager> services_;
  ComPtr<IConnectionPoint> interfaceEventsCp_, serviceEventsCp_;
  DWORD interfaceEventsCookie_ = 0, serviceEventsCookie_ = 0;
};

}  // namespace mbn
