#include "backend/generated_files.h"
#include "ir/attribute.h"

namespace hlsnn::backend {

GeneratedFile build_script(const ProjectSymbols& symbols, const ir::ModelSettings& settings) {
  // The project name, part and clock uncertainty are validated (ModelSettings::validate) to hold
  // no TCL metacharacters; braces keep them literal all the same.
  const std::string& project = symbols.project;
  const bool vitis = settings.backend == ir::Backend::kVitis;
  std::string text =
      std::string("# Builds ") + project + ": " +
      (vitis ? "vitis-run --mode hls --tcl build_prj.tcl (steps in build_opt.tcl), or vitis_hls"
             : "vivado_hls") +
      " -f build_prj.tcl \"csim=1 synth=1 cosim=0 export=0\"\n"
      "array set opt {\n    reset      0\n    csim       1\n    synth      1\n"
      "    cosim      1\n    validation 1\n    export     0\n    vsynth     0\n}\n" +
      // vitis-run passes no script arguments: hlsnn's build writes the steps to build_opt.tcl.
      (vitis ? "if {[file exists build_opt.tcl]} {\n    source build_opt.tcl\n}\n" : "") +
      "\nforeach arg $::argv {\n    foreach o [lsort [array names opt]] {\n"
      "        regexp \"$o=+(\\\\w+)\" $arg unused opt($o)\n    }\n}\n\n"
      "set project_name {" +
      project +
      "}\n\n"
      "if {$opt(reset)} {\n    open_project -reset ${project_name}_prj\n} else {\n"
      "    open_project ${project_name}_prj\n}\n"
      "set_top ${project_name}\n"
      "add_files firmware/${project_name}.cpp -cflags \"-std=c++0x\"\n"
      "add_files -tb ${project_name}_test.cpp -cflags \"-std=c++0x\"\n"
      "add_files -tb firmware/weights\n"
      "if {[file exists tb_data]} {\n    add_files -tb tb_data\n}\n\n"
      "if {$opt(reset)} {\n    open_solution -reset \"solution1\"" +
      (vitis ? " -flow_target vivado" : "") + "\n} else {\n    open_solution \"solution1\"" +
      (vitis ? " -flow_target vivado" : "") + "\n}\n" +
      // Vivado HLS refuses to partition arrays of more than 1024 elements by default; the kernels
      // partition weight arrays and io_parallel layer outputs up to the limit the pre-flight
      // checks hold them to (as the reference's script does); `catch` lets tools without the
      // option go on.
      "catch {config_array_partition -maximum_size 4096}\n" +
      (vitis ? "config_compile -name_max_length 80\n" : "") + "set_part {" + settings.part + "}\n" +
      "create_clock -period " + ir::format_double(settings.clock_period_ns) + " -name default\n" +
      "set_clock_uncertainty {" + settings.clock_uncertainty + "} default\n\n" +
      "if {$opt(csim)} {\n    puts \"***** C SIMULATION *****\"\n    csim_design\n}\n"
      "if {$opt(synth)} {\n    puts \"***** C/RTL SYNTHESIS *****\"\n    csynth_design\n}\n"
      "if {$opt(cosim)} {\n    puts \"***** C/RTL SIMULATION *****\"\n"
      "    cosim_design -trace_level all\n}\n"
      "if {$opt(export)} {\n    puts \"***** EXPORT IP *****\"\n"
      "    export_design -format ip_catalog\n}\n"
      "if {$opt(vsynth)} {\n    puts \"***** VIVADO SYNTHESIS *****\"\n"
      "    export_design -flow syn -rtl verilog\n}\n"
      "exit\n";
  return {"build_prj.tcl", std::move(text)};
}

}  // namespace hlsnn::backend
