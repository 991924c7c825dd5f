/* settings.c: the settings table, defaults and clamping. */
#include "settings.h"

#include <stddef.h>
#include <string.h>

typedef struct {
    const char *name;
    int def, min, max;
    const char *description;
    size_t offset;
} SettingInfo;

static const SettingInfo setting_infos[] = {
#define SETTINGS_INFO(name, def, lo, hi, desc) {#name, def, lo, hi, desc, offsetof(Settings, name)},
    SETTINGS_TABLE(SETTINGS_INFO)
#undef SETTINGS_INFO
};

enum { SETTING_INFO_COUNT = (int)(sizeof setting_infos / sizeof setting_infos[0]) };

Settings settings_default(void)
{
    Settings s;
    for (int i = 0; i < SETTING_INFO_COUNT; i++)
        *settings_field(&s, i) = setting_infos[i].def;
    return s;
}

int settings_count(void) { return SETTING_INFO_COUNT; }
const char *settings_name(int i) { return setting_infos[i].name; }
const char *settings_description(int i) { return setting_infos[i].description; }
int settings_min(int i) { return setting_infos[i].min; }
int settings_max(int i) { return setting_infos[i].max; }

int *settings_field(Settings *s, int i)
{
    return (int *)((char *)s + setting_infos[i].offset);
}

int settings_get(const Settings *s, int i)
{
    return *(const int *)((const char *)s + setting_infos[i].offset);
}

bool settings_set_by_name(Settings *s, const char *name, int value)
{
    for (int i = 0; i < SETTING_INFO_COUNT; i++) {
        if (strcmp(setting_infos[i].name, name) != 0)
            continue;
        if (value < setting_infos[i].min) value = setting_infos[i].min;
        if (value > setting_infos[i].max) value = setting_infos[i].max;
        *settings_field(s, i) = value;
        return true;
    }
    return false;
}
