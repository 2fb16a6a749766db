variable project_name
set project_name "myproject"
variable backend
set backend "vivado"
variable part
set part "xcvu9p-flga2104-2L-e"
variable clock_period
set clock_period 5
