<?xml version="1.0" encoding="UTF-8"?>
<AutoPilot:project xmlns:AutoPilot="com.autoesl.autopilot.project" projectType="C/C++" top="myproject">
    <AutoPilot:files>
        <AutoPilot:file name="firmware/myproject.cpp" cflags="-std=c++0x"/>
    </AutoPilot:files>
    <AutoPilot:solutions>
        <AutoPilot:solution name="solution1" status=""/>
    </AutoPilot:solutions>
</AutoPilot:project>
