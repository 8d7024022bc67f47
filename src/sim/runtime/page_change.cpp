#include "sim/runtime/page_change.h"

namespace tl {

const char* to_string(PageChangeKind kind) {
  switch (kind) {
    case PageChangeKind::Map: return "map";
    case PageChangeKind::Share: return "share";
    case PageChangeKind::Fork: return "fork";
    case PageChangeKind::Copy: return "copy";
    case PageChangeKind::SharedWrite: return "shared-write";
    case PageChangeKind::Unmap: return "unmap";
    case PageChangeKind::Exit: return "exit";
    case PageChangeKind::Grow: return "grow";
  }
  return "?";
}

}  // namespace tl
